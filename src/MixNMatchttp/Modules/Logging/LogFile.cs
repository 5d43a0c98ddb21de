using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Logging;

/// <summary>
/// A log file written off the request path: <see cref="WriteLineAsync(string)"/> only queues the line (a bounded queue of
/// 4096; when it is full the caller waits, so no line is ever dropped) and one background thread appends the queued lines
/// in batches (letting lines gather for 10 ms between batches), flushing after each. The file and its directory are created when missing, the file with mode 0600
/// whatever the umask; it rotates as <see cref="LogRotation"/> says. A write that fails (a full disk) is reported once
/// to the logger (and once more when writing works again), never thrown at the caller. Disposing writes every queued
/// line and closes the file.
/// <code>
/// await using var log = new LogFile("logs/access.log", new LogRotation { MaxBytes = 10 &lt;&lt; 20, Keep = 5 }, logger);
/// await log.WriteLineAsync("one line");
/// </code>
/// </summary>
public sealed class LogFile : IAsyncDisposable
{
    private readonly LineWriter _writer;

    /// <summary>
    /// Opens <paramref name="path"/> for appending (creating it and its directory when missing). Failures to write
    /// later go to <paramref name="logger"/> (null: one line on the standard error); <paramref name="timeProvider"/>
    /// says when a day ends (default: the system clock). Throws what opening the file throws (IOException,
    /// UnauthorizedAccessException) and ArgumentException for unusable rotation settings.
    /// </summary>
    public LogFile(string path, LogRotation? rotation = null, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(path, rotation, logger, timeProvider, LineWriter.DefaultCapacity)
    {
    }

    internal LogFile(string path, LogRotation? rotation, ILogger? logger, TimeProvider? timeProvider, int capacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        rotation ??= new LogRotation();
        if (rotation.Problem(nameof(LogRotation)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(rotation));
        }

        var file = new RotatingFile(path, rotation, timeProvider ?? TimeProvider.System);
        Path = file.Name;
        _writer = new LineWriter(file, logger, capacity);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Queues <paramref name="line"/> (the line feed is added; a line feed inside it is written as it is);
    /// completes at once unless the queue is full. Lines written after <see cref="DisposeAsync"/> are ignored.</summary>
    public ValueTask WriteLineAsync(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return _writer.WriteAsync(line);
    }

    /// <summary>Queues <paramref name="line"/> like <see cref="WriteLineAsync(string)"/>, blocking the calling thread while
    /// the queue is full (for callers that cannot await, such as a logger).</summary>
    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _writer.Write(line);
    }

    /// <summary>Completes once every line queued before is in the file (or was found unwritable).</summary>
    public Task FlushAsync() => _writer.FlushAsync();

    /// <summary>Writes every queued line, then closes the file; a second call does nothing.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>Like <see cref="DisposeAsync"/>, blocking until the file is closed (for synchronous disposal).</summary>
    internal void Dispose() => _writer.Dispose();

    /// <summary>Queues a line the background writer makes (e.g. serializes), so it costs the caller nothing.</summary>
    internal ValueTask WriteLineAsync(Func<string> line) => _writer.WriteAsync(line);

    /// <summary>Queues <paramref name="length"/> bytes of a line in an array rented from the shared pool; the writer
    /// returns the array.</summary>
    internal ValueTask WriteLineAsync(byte[] line, int length) => _writer.WriteAsync(line, length);

    /// <summary>Opens the file of a module's option, turning a failure into a <see cref="MixConfigurationException"/>
    /// that names the option.</summary>
    internal static LogFile Open(string option, string path, LogRotation rotation, ILogger logger, TimeProvider timeProvider)
    {
        try
        {
            return new LogFile(path, rotation, logger, timeProvider);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MixConfigurationException($"{option}: cannot open '{path}' for appending: {e.Message}", e);
        }
    }
}
