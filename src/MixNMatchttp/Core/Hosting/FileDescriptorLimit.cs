using System.Runtime.InteropServices;

namespace MixNMatchttp;

/// <summary>
/// The process's limit on open files (<c>RLIMIT_NOFILE</c>), which bounds how many connections it can hold: raised
/// from the soft to the hard limit at start-up, as nginx's <c>worker_rlimit_nofile</c> does, so that a default
/// <c>ulimit -n</c> of 1024 does not cap a server. Linux only; elsewhere nothing is known or changed.
/// </summary>
internal static partial class FileDescriptorLimit
{
    private const int NoFileResource = 7; // RLIMIT_NOFILE on Linux

    /// <summary>Raises the soft limit to the hard one and returns the limit in force; null where it cannot be read.</summary>
    public static long? Raise()
    {
        if (!OperatingSystem.IsLinux() || GetLimit(NoFileResource, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (SetLimit(NoFileResource, in raised) == 0)
            {
                return (long)Math.Min(raised.Current, long.MaxValue);
            }
        }

        return (long)Math.Min(limit.Current, long.MaxValue);
    }

    /// <summary>How many files the process has open now; null where it cannot be counted.</summary>
    public static int? OpenNow()
    {
        try
        {
            return OperatingSystem.IsLinux() ? Directory.GetFileSystemEntries("/proc/self/fd").Length : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetLimit(int resource, in ResourceLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct ResourceLimit(ulong Current, ulong Maximum);
}
