using System.Globalization;

namespace MixNMatchttp.Cli.Daemon;

/// <summary>
/// The daemon's PID file: held open with an exclusive flock(2) for as long as the server runs, so that a second start
/// is refused and a file left by a killed process is recognised as stale (nobody holds its lock).
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly FileStream _file;

    private PidFile(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    public string Path { get; }

    /// <summary>The default: mixnmatchttp.pid in $XDG_RUNTIME_DIR, else in the temporary directory with the user's id.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime)
            ? System.IO.Path.Join(runtime, "mixnmatchttp.pid")
            : System.IO.Path.Join(System.IO.Path.GetTempPath(), $"mixnmatchttp-{Environment.UserName}.pid");

    /// <summary>Locks <paramref name="path"/> and writes this process's id; throws <see cref="IOException"/> naming the
    /// running server's id when another process holds it.</summary>
    public static PidFile Acquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var file = Open(path);
        if (!Posix.TryLock(file.SafeFileHandle))
        {
            var pid = ReadPid(file);
            file.Dispose();
            throw new IOException($"already running (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, pid file {path})");
        }

        file.SetLength(0);
        using (var writer = new StreamWriter(file, leaveOpen: true))
        {
            writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        file.Flush(flushToDisk: true);
        return new PidFile(path, file);
    }

    /// <summary>What the file says of a server: running (with its id), stopped (no file) or stale (a file nobody
    /// holds, which is removed).</summary>
    public static (DaemonState State, int? Pid) Probe(string path)
    {
        if (!File.Exists(path))
        {
            return (DaemonState.Stopped, null);
        }

        using var file = Open(path);
        var pid = ReadPid(file);
        if (!Posix.TryLock(file.SafeFileHandle))
        {
            return (DaemonState.Running, pid);
        }

        File.Delete(path);
        return (DaemonState.Stale, pid);
    }

    /// <summary>Removes the file, then releases the lock.</summary>
    public void Dispose()
    {
        File.Delete(Path);
        _file.Dispose();
    }

    private static FileStream Open(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.OpenOrCreate,
        Access = FileAccess.ReadWrite,
        Share = FileShare.ReadWrite | FileShare.Delete,
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
    });

    private static int? ReadPid(FileStream file)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, leaveOpen: true);
        return int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
