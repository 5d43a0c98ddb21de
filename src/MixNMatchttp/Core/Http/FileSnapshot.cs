using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>What a file response needs to know about one version of a regular file: its length, modification time,
/// validators and type, and its bytes when it is small enough to keep.</summary>
internal sealed class FileSnapshot
{
    private FileSnapshot(string path, FileStat stat, string contentType, byte[]? data)
    {
        var ticks = stat.ModifiedTicks;
        var lastModified = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Path = path;
        Stat = stat;
        LastModified = lastModified;
        LastModifiedHeader = HeaderUtilities.FormatDate(lastModified);
        ETag = stat.Inode == 0 ? $"\"{ticks:x}-{stat.Length:x}\"" : $"\"{stat.Inode:x}-{ticks:x}-{stat.Length:x}\"";
        ContentType = contentType;
        Data = data;
    }

    /// <summary>The Content-Disposition last made for this file and the name it was made for (a file is nearly always
    /// served under one name), so that repeated requests do not format it again.</summary>
    public NamedDisposition? KnownDisposition { get; set; }

    public string Path { get; }

    /// <summary>The version of the file this snapshot describes.</summary>
    public FileStat Stat { get; }

    public long Length => Stat.Length;

    /// <summary>The modification time, truncated to whole seconds as HTTP dates are.</summary>
    public DateTimeOffset LastModified { get; }

    public string LastModifiedHeader { get; }

    public string ETag { get; }

    public string ContentType { get; }

    /// <summary>The file's bytes, when kept in memory.</summary>
    public byte[]? Data { get; }

    /// <summary>
    /// Opens the regular file at <paramref name="path"/>, which <paramref name="stat"/> describes, proving it readable
    /// before a 200 is promised, and reads it when it has at most <paramref name="keepUpTo"/> bytes. The bytes are kept
    /// only when the file did not change while they were read. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the file cannot be read.
    /// </summary>
    public static FileSnapshot Load(string path, FileStat stat, IContentTypeProvider contentTypes, long keepUpTo)
    {
        var contentType = ContentTypeOf(System.IO.Path.GetFileName(path), contentTypes);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        if (stat.Length > keepUpTo)
        {
            return new FileSnapshot(path, stat, contentType, null);
        }

        var data = new byte[stat.Length];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        var after = FileStat.Of(path);
        return read == data.Length && after == stat
            ? new FileSnapshot(path, stat, contentType, data)
            : new FileSnapshot(path, after, contentType, null);
    }

    /// <summary>Whether <paramref name="current"/> (a fresh stat of <see cref="Path"/>) is still the version this snapshot describes.</summary>
    public bool IsCurrent(FileStat current) => current == Stat;

    private static string ContentTypeOf(string name, IContentTypeProvider contentTypes)
    {
        if (!contentTypes.TryGetContentType(name, out var type))
        {
            return "application/octet-stream";
        }

        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "image/svg+xml"
            ? type + "; charset=utf-8"
            : type;
    }
}
