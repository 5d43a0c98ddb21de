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

    /// <summary>Whether files of compressible types (text, JavaScript, JSON, XML, SVG, WebAssembly, …) of at least
    /// 512 bytes are sent compressed with Brotli or gzip when the request's <c>Accept-Encoding</c> allows it: files
    /// kept in memory are compressed once and their compressed forms kept with them; larger files are compressed while
    /// they are sent. Default: false.</summary>
    public bool Compression { get; set; }

    /// <summary>Whether a file's precompressed sibling (<c>app.js.br</c>, <c>app.js.gz</c>) is sent in its place, with
    /// <c>Content-Encoding</c>, to a request that accepts that coding (files of compressible types only). Default:
    /// null, which follows <see cref="Compression"/>; true serves the siblings without compressing anything here.</summary>
    public bool? Precompressed { get; set; }

    /// <summary>The file (relative to <see cref="Root"/>, like <c>index.html</c>) sent with 200 for a GET or HEAD of a path
    /// that does not exist and whose last segment has no <c>.</c>, so that a single-page application's client-side
    /// routes load it. It must exist when the server is built. Default: null (no fallback: 404).</summary>
    public string? SpaFallback { get; set; }
}
