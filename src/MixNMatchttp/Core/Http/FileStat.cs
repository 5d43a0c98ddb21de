namespace MixNMatchttp;

/// <summary>
/// One look at a path, symbolic links followed: what it is and which version of it is there now. Two stats of the same
/// unchanged file are equal; a rewrite, a touch, a rename over it or a link pointing elsewhere makes them differ (on
/// Linux the device, inode and change time are compared too; elsewhere only the length and modification time).
/// </summary>
internal sealed record FileStat(FileKind Kind, long Length, long ModifiedTicks, long ChangedTicks, ulong Device, ulong Inode)
{
    public static readonly FileStat Missing = new(FileKind.Missing, 0, 0, 0, 0, 0);

    /// <summary>The modification time in UTC, to the tick.</summary>
    public DateTime ModifiedUtc => new(ModifiedTicks, DateTimeKind.Utc);

    /// <summary>Looks at <paramref name="path"/> now.</summary>
    public static FileStat Of(string path)
    {
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return Missing;
        }

        return LinuxStatx.TryStat(path) ?? FromFileInfo(path);
    }

    /// <summary>Without statx(2) FIFOs and devices cannot be told from regular files.</summary>
    private static FileStat FromFileInfo(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists)
        {
            return new FileStat(FileKind.Regular, file.Length, file.LastWriteTimeUtc.Ticks, 0, 0, 0);
        }

        var directory = new DirectoryInfo(path);
        return directory.Exists ? new FileStat(FileKind.Directory, 0, directory.LastWriteTimeUtc.Ticks, 0, 0, 0) : Missing;
    }
}
