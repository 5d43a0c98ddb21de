namespace MixNMatchttp.Files;

/// <summary>Options of the <see cref="StaticFiles"/> module.</summary>
public sealed class StaticFilesOptions
{
    /// <summary>The document root. Default: the current directory.</summary>
    public string Root { get; set; } = ".";

    /// <summary>Whether a directory without an index file gets an HTML listing (else 403). Default: false.</summary>
    public bool DirectoryListing { get; set; }

    /// <summary>The file served for a directory when present; null for none. Default: index.html.</summary>
    public string? IndexFile { get; set; } = "index.html";

    /// <summary>Files up to this size are kept in memory, re-checked against the file system on every request.
    /// Default: 256 KiB; 0 turns the memory cache off.</summary>
    public long MemoryCacheMaxFileSize { get; set; } = 256 * 1024;

    /// <summary>The most bytes of file contents the memory cache holds; the least recently used files are evicted to
    /// make room. Default: 32 MiB.</summary>
    public long MemoryCacheCapacity { get; set; } = 32L * 1024 * 1024;

    /// <summary>The most files the memory cache holds (empty files count too). Default: 4096.</summary>
    public int MemoryCacheMaxEntries { get; set; } = 4096;

    /// <summary>File name endings (<c>.pdf</c>, <c>zip</c>, <c>.tar.gz</c>; case-insensitive) served as downloads, with
    /// <c>Content-Disposition: attachment</c>. Default: none.</summary>
    public IList<string> AttachmentExtensions { get; set; } = [];
}
