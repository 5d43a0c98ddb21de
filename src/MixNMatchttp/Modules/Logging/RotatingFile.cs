namespace MixNMatchttp.Logging;

/// <summary>
/// A log file appended to, created (with its directory) when missing with mode 0600 whatever the umask, and rotated as
/// its <see cref="LogRotation"/> says: the file keeps its name, the old ones are renamed <c>.1</c> (newest) to
/// <c>.Keep</c>. A write that fails half-way is cut back to the last whole line.
/// </summary>
internal sealed class RotatingFile : ILineSink
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly long? _maxBytes;
    private readonly bool _daily;
    private readonly int _keep;
    private readonly TimeProvider _time;
    private FileStream? _stream;
    private long _sinceRotation;
    private DateTimeOffset _nextDay;

    /// <summary>Opens <paramref name="path"/> for appending; throws what opening it throws (IOException,
    /// UnauthorizedAccessException, …).</summary>
    public RotatingFile(string path, LogRotation rotation, TimeProvider time)
    {
        Name = Path.GetFullPath(path);
        _maxBytes = rotation.MaxBytes;
        _daily = rotation.Daily;
        _keep = rotation.Keep;
        _time = time;
        var now = time.GetUtcNow();
        _nextDay = NextMidnight(now);
        Open();
        if (_daily && _sinceRotation > 0 && File.GetLastWriteTimeUtc(Name) < _nextDay.AddDays(-1).UtcDateTime)
        {
            Rotate(); // written on an earlier day
        }
    }

    public string Name { get; }

    public bool MustRotate(long pendingBytes, int lineBytes)
    {
        var length = _sinceRotation + pendingBytes;
        if (length > 0 && length + lineBytes > _maxBytes)
        {
            return true;
        }

        if (!_daily)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (now < _nextDay)
        {
            return false;
        }

        _nextDay = NextMidnight(now);
        return length > 0;
    }

    public void Rotate()
    {
        _stream?.Dispose();
        _stream = null;
        try
        {
            Shift();
        }
        finally
        {
            // a file that could not be moved is appended to again, and rotated after another MaxBytes or day
            Open();
            _sinceRotation = 0;
        }
    }

    public void Write(ReadOnlySpan<byte> lines)
    {
        if (_stream is null)
        {
            Open(); // a rotation could not reopen the file: try again
        }

        var stream = _stream!;
        var end = stream.Position;
        try
        {
            stream.Write(lines);
            _sinceRotation += lines.Length;
        }
        catch (IOException)
        {
            Truncate(stream, end);
            throw;
        }
    }

    public void Dispose() => _stream?.Dispose();

    private void Open()
    {
        if (Path.GetDirectoryName(Name) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var created = !File.Exists(Name);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0, // the writer hands over whole batches
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(Name, options);
        try
        {
            if (created && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly); // the umask may have taken bits away
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _stream = stream;
        _sinceRotation = stream.Length;
    }

    /// <summary>Moves the file to <c>.1</c>, <c>.1</c> to <c>.2</c> and so on, dropping the oldest; with nothing to
    /// keep, deletes it.</summary>
    private void Shift()
    {
        if (_keep == 0)
        {
            File.Delete(Name);
            return;
        }

        File.Delete(LogRotation.OldFile(Name, _keep));
        for (var number = _keep - 1; number >= 1; number--)
        {
            var older = LogRotation.OldFile(Name, number);
            if (File.Exists(older))
            {
                File.Move(older, LogRotation.OldFile(Name, number + 1), overwrite: true);
            }
        }

        File.Move(Name, LogRotation.OldFile(Name, 1), overwrite: true);
    }

    /// <summary>Cuts a write that failed half-way (a full disk) back to where it started, so that the file holds whole
    /// lines only.</summary>
    private static void Truncate(FileStream stream, long length)
    {
        try
        {
            stream.SetLength(length);
        }
        catch (IOException)
        {
            // the failure is reported by the writer
        }
    }

    private static DateTimeOffset NextMidnight(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
