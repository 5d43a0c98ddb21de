using System.Runtime.InteropServices;

namespace MixNMatchttp;

/// <summary>
/// statx(2), whose result layout is the same on every Linux architecture (unlike struct stat): the file type, which
/// .NET does not expose, and the identity of the file (device, inode, change time).
/// </summary>
internal static partial class LinuxStatx
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS
    private const uint TypeMask = 0x1; // STATX_TYPE
    private const int FileTypeBits = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000; // S_IFREG
    private const int DirectoryFile = 0x4000; // S_IFDIR

    /// <summary>Whether this process can call statx: Linux with glibc 2.28+ (or musl 1.2.5+) on kernel 4.11+.</summary>
    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>The stat of <paramref name="path"/>; null when statx is not available here.</summary>
    public static FileStat? TryStat(string path)
    {
        if (!Available)
        {
            return null;
        }

        if (Native(CurrentDirectory, path, 0, BasicStats, out var result) != 0 || (result.Mask & TypeMask) == 0)
        {
            return FileStat.Missing;
        }

        var kind = (result.Mode & FileTypeBits) switch
        {
            RegularFile => FileKind.Regular,
            DirectoryFile => FileKind.Directory,
            _ => FileKind.Other,
        };
        var device = ((ulong)result.DeviceMajor << 32) | result.DeviceMinor;
        return new FileStat(kind, (long)result.Size, result.ModifiedTime.Ticks, result.ChangedTime.Ticks, device, result.Inode);
    }

    private static bool Probe()
    {
        try
        {
            // Old kernels answer ENOSYS and some sandboxes EPERM: then nothing is known of file types.
            return Native(CurrentDirectory, "/", 0, BasicStats, out _) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(int directory, string path, int flags, uint mask, out StatxResult result);

    /// <summary>struct statx_timestamp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct StatxTimestamp
    {
        public readonly long Seconds;
        public readonly uint Nanoseconds;
        private readonly int _reserved;

        public long Ticks => DateTime.UnixEpoch.Ticks + (Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100);
    }

    /// <summary>struct statx (256 bytes; the fields after the device numbers are not read).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private readonly struct StatxResult
    {
        public readonly uint Mask;
        private readonly uint _blockSize;
        private readonly ulong _attributes;
        private readonly uint _links;
        private readonly uint _user;
        private readonly uint _group;
        public readonly ushort Mode;
        private readonly ushort _spare;
        public readonly ulong Inode;
        public readonly ulong Size;
        private readonly ulong _blocks;
        private readonly ulong _attributesMask;
        private readonly StatxTimestamp _accessedTime;
        private readonly StatxTimestamp _bornTime;
        public readonly StatxTimestamp ChangedTime;
        public readonly StatxTimestamp ModifiedTime;
        private readonly uint _specialMajor;
        private readonly uint _specialMinor;
        public readonly uint DeviceMajor;
        public readonly uint DeviceMinor;
    }
}
