using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Capture;

/// <summary>
/// The request log: one JSON object per line, appended by one background writer that flushes whenever it has written
/// all it was given. <see cref="CaptureStore"/> queues lines under its lock, so they keep the capture order while no
/// request waits for the disk. The queue is bounded: when the disk cannot keep up, lines beyond it are dropped and each
/// drop is logged. A new file is created readable by its owner only (0600): captures hold what clients sent.
/// </summary>
internal sealed class CaptureLogFile : IAsyncDisposable
{
    /// <summary>How many lines may wait for the writer.</summary>
    public const int QueueCapacity = 4096;

    private readonly FileStream _stream;
    private readonly ILogger _logger;
    private readonly Channel<CapturedRequest> _queue =
        Channel.CreateBounded<CapturedRequest>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Task _writer;

    private CaptureLogFile(string path, FileStream stream, ILogger logger)
    {
        Path = path;
        _stream = stream;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    public string Path { get; }

    /// <summary>Opens (creating when missing, with its directory) <paramref name="path"/> for appending.</summary>
    public static CaptureLogFile Open(string path, ILogger logger)
    {
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            if (System.IO.Path.GetDirectoryName(full) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var options = new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 64 * 1024,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new CaptureLogFile(full, new FileStream(full, options), logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MixConfigurationException($"RequestCaptureOptions.LogFile: cannot open '{path}' for appending: {e.Message}", e);
        }
    }

    /// <summary>Queues <paramref name="request"/> for writing (its JSON is made by the writer); when the queue is full
    /// the line is dropped and logged.</summary>
    public void Enqueue(CapturedRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            _logger.LogLineDropped(request.Id, Path, QueueCapacity);
        }
    }

    /// <summary>Writes what is queued, then stops the writer and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        var last = 0L;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var request))
            {
                last = request.Id;
                await WriteAsync(last, () => _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToJson() + "\n"))).ConfigureAwait(false);
            }

            await WriteAsync(last, () => new ValueTask(_stream.FlushAsync())).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one write or flush, the last of capture <paramref name="id"/>; a failure is logged and the writer
    /// goes on with the next line.</summary>
    private async Task WriteAsync(long id, Func<ValueTask> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _logger.LogFileFailed(e, id, Path);
        }
    }
}
