using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>What a file response needs to know about one version of a regular file: its length, modification time,
/// validators and type, and its bytes when it is small enough to keep. A snapshot may also be one representation of
/// such a file in a content coding (its compressed bytes, or a precompressed file sent for it), with a tag of its own.</summary>
internal sealed class FileSnapshot
{
    private FileSnapshot? _brotli;
    private FileSnapshot? _gzip;
    private FileSnapshot? _sentAs;

    private FileSnapshot(string path, FileStat stat, string contentType, byte[]? data, ContentCoding coding = ContentCoding.Identity)
    {
        var ticks = stat.ModifiedTicks;
        var lastModified = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Path = path;
        Stat = stat;
        LastModified = lastModified;
        LastModifiedHeader = HeaderUtilities.FormatDate(lastModified);
        ETag = coding.Tag(stat.Inode == 0 ? $"\"{ticks:x}-{stat.Length:x}\"" : $"\"{stat.Inode:x}-{ticks:x}-{stat.Length:x}\"");
        ContentType = contentType;
        Data = data;
        Coding = coding;
    }

    /// <summary>The Content-Disposition last made for this file and the name it was made for (a file is nearly always
    /// served under one name), so that repeated requests do not format it again.</summary>
    public NamedDisposition? KnownDisposition { get; set; }

    public string Path { get; }

    /// <summary>The version of the file this snapshot describes.</summary>
    public FileStat Stat { get; }

    /// <summary>The length of the bytes sent: those held, else the file's.</summary>
    public long Length => Data?.LongLength ?? Stat.Length;

    /// <summary>The modification time, truncated to whole seconds as HTTP dates are.</summary>
    public DateTimeOffset LastModified { get; }

    public string LastModifiedHeader { get; }

    public string ETag { get; }

    public string ContentType { get; }

    /// <summary>The bytes sent, when kept in memory: the file's, or its compressed form.</summary>
    public byte[]? Data { get; }

    /// <summary>The coding of the bytes sent: identity for a file as it is; gzip or Brotli for a file's compressed
    /// variant (<see cref="Compress"/>) or a precompressed file sent for another (<see cref="SentAs"/>).</summary>
    public ContentCoding Coding { get; }

    /// <summary>The bytes held for this file: its own and those of the compressed variants kept with it.</summary>
    public long HeldBytes => (Data?.LongLength ?? 0) + (_brotli?.Length ?? 0) + (_gzip?.Length ?? 0);

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

    /// <summary>This file's bytes (which it must hold) compressed with <paramref name="coding"/>, with their own tag.</summary>
    public FileSnapshot Compress(ContentCoding coding) =>
        new(Path, Stat, ContentType, coding.Compress(Data ?? throw new InvalidOperationException("Only a snapshot with its bytes can be compressed.")), coding);

    /// <summary>The compressed variant kept with this file (<see cref="Keep"/>), or null.</summary>
    public FileSnapshot? KeptVariant(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => Volatile.Read(ref _brotli),
        ContentCoding.Gzip => Volatile.Read(ref _gzip),
        _ => null,
    };

    /// <summary>Keeps <paramref name="variant"/>, made by <see cref="Compress"/>, with this file; its owner (the
    /// memory cache) counts the bytes.</summary>
    public void Keep(FileSnapshot variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (variant.Coding == ContentCoding.Brotli)
        {
            Volatile.Write(ref _brotli, variant);
        }
        else if (variant.Coding == ContentCoding.Gzip)
        {
            Volatile.Write(ref _gzip, variant);
        }
    }

    /// <summary>This file, already compressed with <paramref name="coding"/> (<c>app.js.br</c>), as the body of a file
    /// of type <paramref name="contentType"/>: the same bytes and version, its own tag with the coding's suffix. The
    /// last one made is remembered.</summary>
    public FileSnapshot SentAs(ContentCoding coding, string contentType)
    {
        var sent = Volatile.Read(ref _sentAs);
        if (sent is null || sent.Coding != coding || sent.ContentType != contentType)
        {
            sent = new FileSnapshot(Path, Stat, contentType, Data, coding);
            Volatile.Write(ref _sentAs, sent);
        }

        return sent;
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
