using System.Runtime.InteropServices;

namespace MixNMatchttp.Cli.Daemon;

/// <summary>The few POSIX calls the daemon needs that .NET does not offer.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int ReadWrite = 2;

    /// <summary>Takes an exclusive advisory lock on the open file without waiting; false when another holds it.</summary>
    public static bool TryLock(Microsoft.Win32.SafeHandles.SafeFileHandle file) =>
        Flock((int)file.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0;

    /// <summary>Sends <paramref name="signal"/>; false when there is no such process (or it is not ours).</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Starts a new session, leaving the terminal's (so that its hang-up does not reach the daemon).</summary>
    public static void NewSession() => _ = SetSid();

    /// <summary>Points standard input, output and error at /dev/null.</summary>
    public static void DetachStandardStreams()
    {
        var devNull = Open("/dev/null", ReadWrite);
        if (devNull < 0)
        {
            return;
        }

        for (var fd = 0; fd <= 2; fd++)
        {
            _ = Dup2(devNull, fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
