using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Logging;

/// <summary>
/// Lines written to an <see cref="ILineSink"/> by a thread of their own: callers only queue them and never touch the
/// disk. A line takes its place in the queue the moment it is given, so lines keep the callers' order. While more than
/// the capacity are waiting, a caller waits for room (asynchronously, or blocking in <see cref="Write"/>), so no line
/// is ever dropped; the writer being a dedicated thread, callers blocked on thread-pool threads cannot starve it. The
/// thread takes every waiting line at once and writes them in batches of up to 64 KiB, one write each (a file holds
/// whole lines), rotating the sink between lines and flushing after the last. A failing sink (a full disk) is reported
/// once, and again when it works again with the number of lines lost meanwhile; the writer goes on. Disposing writes
/// every line given before (those of callers still waiting for room included), then closes the sink.
/// </summary>
internal sealed class LineWriter : IAsyncDisposable, IDisposable
{
    /// <summary>How many lines may wait for the writer before callers wait, by default.</summary>
    public const int DefaultCapacity = 4096;

    private const int BatchBytes = 64 * 1024;

    /// <summary>How long the writer lets lines gather after writing a batch: a line is written at most this much later.</summary>
    private static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(10);

    private readonly ILineSink _sink;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly Queue<Line> _queue = new();
    private readonly Queue<TaskCompletionSource> _waitingForRoom = new();
    private readonly List<Line> _taken = [];
    private readonly ArrayBufferWriter<byte> _batch = new(BatchBytes);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private long _given;
    private long _takenUpTo;
    private bool _closed;
    private int _batchLines;
    private bool _failing;
    private long _lost;

    /// <summary>Starts the writer's thread; <paramref name="logger"/> hears of failures (null: the standard error).</summary>
    public LineWriter(ILineSink sink, ILogger? logger, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sink = sink;
        _logger = logger ?? StandardErrorLogger.Instance;
        _capacity = capacity;
        _thread = new Thread(Run) { IsBackground = true, Name = "MixNMatchttp log writer" };
        _thread.Start();
    }

    public string Name => _sink.Name;

    /// <summary>Queues a line (without its line feed); waits while the queue is full.</summary>
    public ValueTask WriteAsync(string line) => Room(Enqueue(new(line, 0), block: false));

    /// <summary>Queues a line that the writer makes (e.g. serializes); waits while the queue is full.</summary>
    public ValueTask WriteAsync(Func<string> line) => Room(Enqueue(new(line, 0), block: false));

    /// <summary>Queues the first <paramref name="length"/> bytes of <paramref name="line"/>, an array rented from
    /// <see cref="ArrayPool{T}.Shared"/> that the writer now owns and returns; waits while the queue is full.</summary>
    public ValueTask WriteAsync(byte[] line, int length) => Room(Enqueue(new(line, length), block: false));

    /// <summary>Queues a line, blocking the calling thread while the queue is full (for synchronous callers such as
    /// a logger).</summary>
    public void Write(string line) => Enqueue(new(line, 0), block: true);

    /// <summary>Completes once every line given before has been written (or found unwritable).</summary>
    public Task FlushAsync()
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_closed)
            {
                return _stopped.Task; // every line given before is written when the writer stops
            }

            Add(new(written, 0));
        }

        return written.Task;
    }

    /// <summary>Writes every line given before, stops the thread and closes the sink; later lines are ignored.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        await _stopped.Task.ConfigureAwait(false);
    }

    /// <summary>Like <see cref="DisposeAsync"/>, blocking until the thread is done (for synchronous disposal).</summary>
    public void Dispose()
    {
        Close();
        _thread.Join();
    }

    private void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private static ValueTask Room(Task? room) => room is null ? default : new(room);

    /// <summary>Queues a line; returns null when the caller may go on, or else a task that completes when there is room
    /// for it (with <paramref name="block"/>, waits for the room instead).</summary>
    private Task? Enqueue(Line line, bool block)
    {
        lock (_gate)
        {
            if (_closed)
            {
                line.Release();
                return null;
            }

            var number = Add(line);
            if (number - _takenUpTo <= _capacity)
            {
                return null;
            }

            if (block)
            {
                while (number - _takenUpTo > _capacity)
                {
                    Monitor.Wait(_gate);
                }

                return null;
            }

            var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waitingForRoom.Enqueue(room);
            return room.Task;
        }
    }

    /// <summary>Queues a line (under the lock) and returns its number.</summary>
    private long Add(Line line)
    {
        _queue.Enqueue(line);
        if (_queue.Count == 1)
        {
            Monitor.PulseAll(_gate); // the writer may be waiting for lines
        }

        return ++_given;
    }

    private void Run()
    {
        try
        {
            while (TakeAll())
            {
                foreach (var line in _taken)
                {
                    Append(line);
                }

                _taken.Clear();
                WriteBatch();

                // Let lines gather before the next batch: one wake-up per interval instead of one per line, which on a
                // busy core costs the requests a context switch each.
                Thread.Sleep(GatherInterval);
            }
        }
        finally
        {
            _sink.Dispose();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Waits for lines and takes them all, giving every waiting caller its room; false once closed and empty.</summary>
    private bool TakeAll()
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            _taken.AddRange(_queue);
            _queue.Clear();
            _takenUpTo = _given;
            while (_waitingForRoom.TryDequeue(out var room))
            {
                room.TrySetResult();
            }

            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Adds a line to the batch, first writing the batch and rotating the sink when the line would not fit.</summary>
    private void Append(Line line)
    {
        if (line.Content is TaskCompletionSource flush)
        {
            WriteBatch();
            flush.TrySetResult();
            return;
        }

        try
        {
            var text = line.Content as string ?? (line.Content as Func<string>)?.Invoke();
            var length = text is null ? line.Length : Encoding.UTF8.GetByteCount(text);
            if (_sink.MustRotate(_batch.WrittenCount, length + 1))
            {
                WriteBatch();
                Rotate();
            }

            var span = _batch.GetSpan(length + 1);
            if (text is null)
            {
                ((byte[])line.Content).AsSpan(0, length).CopyTo(span);
            }
            else
            {
                Encoding.UTF8.GetBytes(text, span);
            }

            span[length] = (byte)'\n';
            _batch.Advance(length + 1);
            _batchLines++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Lose(1, e); // the line could not be made
        }
        finally
        {
            line.Release();
        }

        if (_batch.WrittenCount >= BatchBytes)
        {
            WriteBatch();
        }
    }

    private void Rotate()
    {
        try
        {
            _sink.Rotate();
            Report(logger => logger.LogRotated(Name));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Report(logger => logger.LogRotationFailed(e, Name));
        }
    }

    private void WriteBatch()
    {
        if (_batch.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _sink.Write(_batch.WrittenSpan);
            if (_failing)
            {
                var lost = _lost;
                _failing = false;
                _lost = 0;
                Report(logger => logger.LogWriteResumed(Name, lost));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Lose(_batchLines, e);
        }
        finally
        {
            _batch.ResetWrittenCount();
            _batchLines = 0;
        }
    }

    private void Lose(int lines, Exception e)
    {
        _lost += lines;
        if (!_failing)
        {
            _failing = true;
            Report(logger => logger.LogWriteFailed(e, Name));
        }
    }

    /// <summary>Logs from another thread: the logger may write to a log whose queue is full and waits for this very
    /// writer.</summary>
    private void Report(Action<ILogger> report) => _ = Task.Run(() => report(_logger));

    /// <summary>A queued line: a string, a function making one, a rented byte array (<see cref="Length"/> bytes of it),
    /// or a flush marker (a TaskCompletionSource).</summary>
    private readonly record struct Line(object Content, int Length)
    {
        public void Release()
        {
            if (Content is byte[] rented)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Where failures go when nobody gave a logger (a log file of the logging system itself): one line on the
    /// standard error.</summary>
    private sealed class StandardErrorLogger : ILogger
    {
        public static readonly StandardErrorLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var reason = exception is null ? string.Empty : $": {exception.GetType().Name}: {exception.Message}";
                Console.Error.WriteLine(HttpSyntax.Printable(formatter(state, exception) + reason));
            }
        }
    }
}
