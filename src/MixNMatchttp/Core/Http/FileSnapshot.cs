using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>What a file response needs to know about a file, computed once per version of the file:
/// its length, modification time, validators and type, and its bytes when it is small enough to keep.</summary>
internal sealed class FileSnapshot
{
    private readonly long _modifiedTicks;

    private FileSnapshot(string path, long length, DateTime modifiedUtc, string contentType, byte[]? data)
    {
        _modifiedTicks = modifiedUtc.Ticks;
        var lastModified = new DateTimeOffset(_modifiedTicks - (_modifiedTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Path = path;
        Length = length;
        LastModified = lastModified;
        LastModifiedHeader = HeaderUtilities.FormatDate(lastModified);
        ETag = $"\"{_modifiedTicks:x}-{length:x}\"";
        ContentType = contentType;
        Data = data;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The modification time, truncated to whole seconds as HTTP dates are.</summary>
    public DateTimeOffset LastModified { get; }

    public string LastModifiedHeader { get; }

    public string ETag { get; }

    public string ContentType { get; }

    /// <summary>The file's bytes, when kept in memory.</summary>
    public byte[]? Data { get; }

    public static FileSnapshot From(FileInfo file, IContentTypeProvider contentTypes, byte[]? data = null) =>
        new(file.FullName, file.Length, file.LastWriteTimeUtc, ContentTypeOf(file.Name, contentTypes), data);

    /// <summary>Whether <paramref name="file"/> (freshly stat'ed) is still the version this snapshot describes.</summary>
    public bool IsCurrent(FileInfo file) => file.Exists && file.Length == Length && file.LastWriteTimeUtc.Ticks == _modifiedTicks;

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
