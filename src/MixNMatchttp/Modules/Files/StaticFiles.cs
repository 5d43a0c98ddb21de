using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Files;

/// <summary>
/// Serves files under a root directory for requests that are not endpoints (docs/modules/static-files.md): GET and HEAD,
/// 404 for a missing file, 403 for an unreadable one or a directory without index or listing, and no way
/// out of the root (a symbolic link that leads outside it is refused). Small files are kept in memory (<see cref="FileCache"/>)
/// and re-checked against the file system on every request, so a changed file is never served stale. Optionally,
/// files are sent compressed (or their precompressed siblings in their place) and unknown routes of a single-page
/// application get its page.
/// </summary>
public sealed class StaticFiles : MixModule
{
    /// <summary>Smaller files are not worth compressing here.</summary>
    internal const int MinimumCompressedLength = 512;

    private static readonly Denial NotFound = new(StatusCodes.Status404NotFound, "Not Found");
    private static readonly Denial LeavesRoot = new(StatusCodes.Status403Forbidden, "Forbidden", "the path leads outside the document root");

    private readonly StaticFilesOptions _options;
    private readonly FileExtensionContentTypeProvider _contentTypes = new();
    private FileCache _cache = new(0, 0);
    private string _root = string.Empty;
    private string[] _attachmentExtensions = [];
    private bool _directoryListing;
    private string? _indexFile;
    private long _memoryCacheMaxFileSize;
    private bool _compression;
    private bool _precompressed;
    private string? _spaFallback;

    public StaticFiles(StaticFilesOptions? options = null)
    {
        _options = options ?? new StaticFilesOptions();
    }

    /// <summary>The document root as a full path with links resolved; set when the server is built.</summary>
    public string Root => _root;

    /// <summary>The memory cache of small files; made when the server is built.</summary>
    internal FileCache MemoryCache => _cache;

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        var root = new DirectoryInfo(Path.GetFullPath(options.Root));
        if (!root.Exists)
        {
            configuration.Problem($"StaticFilesOptions.Root: the document root '{HttpSyntax.Printable(options.Root)}' is not a directory.");
        }

        if (options.IndexFile is { } index && (index is "" or "." or ".." || index.AsSpan().IndexOfAny('/', '\\') >= 0 || HttpSyntax.HasControlCharacters(index)))
        {
            configuration.Problem($"StaticFilesOptions.IndexFile must be a file name (no '/' or '\\', not '.' or '..'), not '{HttpSyntax.Printable(index)}'.");
        }

        _root = root.Exists ? RealPath.Of(root.FullName) ?? root.FullName : root.FullName;
        _attachmentExtensions = [.. options.AttachmentExtensions.Select(extension => NormalizeExtension(extension, configuration)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
        _directoryListing = options.DirectoryListing;
        _indexFile = options.IndexFile;
        _memoryCacheMaxFileSize = options.MemoryCacheMaxFileSize;
        _cache = configuration.Check(() => FileCache.For(options)) ?? _cache;
        _compression = options.Compression;
        _precompressed = options.Precompressed ?? options.Compression;
        _spaFallback = options.SpaFallback is { } fallback ? SpaFallbackPath(fallback, root.Exists, configuration) : null;
    }

    public override async ValueTask<bool> FallbackAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsMethod(HttpMethods.Get) && !context.IsMethod(HttpMethods.Head))
        {
            return false;
        }

        var path = context.Path;
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, "Bad Request", "backslashes are not allowed in file paths");
            return true;
        }

        // A path that reached a cached file before still does when one stat says so; else every link is resolved.
        var fullPath = _root + path;
        var known = _cache.GetReachedBy(fullPath);
        var realPath = known?.Path ?? RealPath.Of(fullPath);
        if (realPath is null)
        {
            // A file that vanished: its bytes are released now (behind a symbolic link, when it is evicted).
            _cache.Remove(fullPath);
            await (_spaFallback is { } fallback && IsClientRoute(path)
                ? SendSpaFallbackAsync(context, fallback)
                : context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found"));
        }
        else if (await RefusalAsync(context, path, realPath, askDenials: false) is { } refusal)
        {
            await context.SendDenialAsync(refusal);
        }
        else if (known is not null)
        {
            await SendAsync(context, known, path);
        }
        else
        {
            var stat = FileStat.Of(realPath);
            await (stat.Kind switch
            {
                FileKind.Regular => SendFileAsync(context, path, fullPath, realPath, stat),
                FileKind.Directory => SendDirectoryAsync(context, path, new DirectoryInfo(realPath)),
                _ => FileSender.RefuseAsync(context, stat.Kind),
            });
        }

        return true;
    }

    /// <summary>
    /// Why the file at <paramref name="realPath"/>, named by the request path <paramref name="path"/>, must not be
    /// served; null when it may. Outside the root: 403 (logged); a private file: 404; reached through a symbolic link,
    /// the denial the modules give the path it leads to. The pipeline asked the modules about the path the request
    /// names; for a file the request does not name (an index file, a precompressed sibling, the SPA fallback) they are
    /// asked with <paramref name="askDenials"/>, so that it is refused exactly as a request for it would be.
    /// </summary>
    private async ValueTask<Denial?> RefusalAsync(RequestContext context, string path, string realPath, bool askDenials)
    {
        if (!IsUnderRoot(realPath))
        {
            Context.Logger.LeavesRoot(HttpSyntax.Printable(path));
            return LeavesRoot;
        }

        if (Context.IsPrivateFile(realPath))
        {
            return NotFound;
        }

        if (askDenials && await context.DeniedAtAsync(path) is { } denial)
        {
            return denial;
        }

        return await DeniedThroughLinkAsync(context, path, realPath);
    }

    /// <summary>When a symbolic link makes the request reach another path of the root than it names (<c>/pub</c> →
    /// <c>/secret</c>), the denial the modules give that path (protected, denied); null otherwise.</summary>
    private ValueTask<Denial?> DeniedThroughLinkAsync(RequestContext context, string path, string realPath)
    {
        var reached = _root == "/" ? realPath.AsSpan() : realPath.AsSpan(_root.Length);
        var named = path.AsSpan().TrimEnd('/');
        if (reached.SequenceEqual(named) || (reached.IsEmpty && named.IsEmpty))
        {
            return default;
        }

        return context.DeniedAtAsync(reached.IsEmpty ? "/" : reached.ToString());
    }

    private async Task SendFileAsync(RequestContext context, string path, string fullPath, string realPath, FileStat stat)
    {
        if (Snapshot(fullPath, realPath, stat) is { } snapshot)
        {
            await SendAsync(context, snapshot, path);
        }
        else
        {
            await FileSender.SendUnreadableAsync(context);
        }
    }

    /// <summary>The regular file at <paramref name="realPath"/>, reached by <paramref name="fullPath"/>, from the
    /// memory cache or read (and cached when small); null when it cannot be read.</summary>
    private FileSnapshot? Snapshot(string fullPath, string realPath, FileStat stat)
    {
        var snapshot = _cache.Get(realPath, stat);
        if (snapshot is null)
        {
            try
            {
                snapshot = FileSnapshot.Load(realPath, stat, _contentTypes, _memoryCacheMaxFileSize);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return null;
            }

            if (snapshot.Data is not null)
            {
                _cache.Add(snapshot);
            }
        }

        _cache.RememberReach(fullPath, realPath);
        return snapshot;
    }

    /// <summary>Sends <paramref name="file"/>, named by the request path <paramref name="path"/>: as it is, or, when it is
    /// of a compressible type and compression or precompressed siblings are on, as the request's Accept-Encoding
    /// prefers.</summary>
    private Task SendAsync(RequestContext context, FileSnapshot file, string path)
    {
        var disposition = Disposition(file, path);
        return (_compression || _precompressed) && CompressibleTypes.Contains(file.ContentType)
            ? SendNegotiatedAsync(context, file, path, disposition)
            : FileSender.SendAsync(context, file, disposition);
    }

    /// <summary>Sends a file that varies with <c>Accept-Encoding</c> in the first coding the request prefers that is at
    /// hand — its precompressed sibling, else its compressed form (kept with it in memory, or made while it is sent) —
    /// or else as it is. A Range request gets it as it is.</summary>
    private async Task SendNegotiatedAsync(RequestContext context, FileSnapshot file, string path, string disposition)
    {
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var request = context.Request.Headers;
        var codings = request.Range.Count == 0 ? AcceptEncoding.Preferred(request.AcceptEncoding) : [];
        foreach (var coding in codings)
        {
            if (_precompressed && await PrecompressedAsync(context, path, coding) is { } sibling)
            {
                await FileSender.SendAsync(context, sibling.SentAs(coding, file.ContentType), disposition);
                return;
            }

            if (_compression && file.Length >= MinimumCompressedLength)
            {
                await (file.Data is null
                    ? FileSender.SendCompressingAsync(context, file, coding, disposition)
                    : FileSender.SendAsync(context, file.KeptVariant(coding) ?? _cache.Keep(file, file.Compress(coding)), disposition));
                return;
            }
        }

        await FileSender.SendAsync(context, file, disposition);
    }

    /// <summary>The precompressed sibling of the file named <paramref name="path"/> for <paramref name="coding"/>
    /// (<c>app.js.br</c>), when it is a readable regular file that a request for it would get; null otherwise.</summary>
    private async ValueTask<FileSnapshot?> PrecompressedAsync(RequestContext context, string path, ContentCoding coding)
    {
        var siblingPath = path + coding.FileExtension();
        var fullPath = _root + siblingPath;
        var known = _cache.GetReachedBy(fullPath);
        if (known is null && FileStat.Of(fullPath).Kind != FileKind.Regular)
        {
            return null; // the usual case, in one stat
        }

        var realPath = known?.Path ?? RealPath.Of(fullPath);
        if (realPath is null || await RefusalAsync(context, siblingPath, realPath, askDenials: true) is not null)
        {
            return null;
        }

        return known ?? (FileStat.Of(realPath) is { Kind: FileKind.Regular } stat ? Snapshot(fullPath, realPath, stat) : null);
    }

    /// <summary>Sends the SPA fallback (the request path <paramref name="fallback"/>) for a client-side route, marked
    /// no-cache; 404 when it is gone.</summary>
    private Task SendSpaFallbackAsync(RequestContext context, string fallback)
    {
        if (RealPath.Of(_root + fallback) is { } realPath && FileStat.Of(realPath) is { Kind: FileKind.Regular } stat)
        {
            context.Response.Headers.CacheControl = "no-cache";
            return SendUnnamedFileAsync(context, fallback, realPath, stat);
        }

        return context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");
    }

    /// <summary>Sends a regular file the request does not name (a directory's index file, the SPA fallback) as a request
    /// for its path would get it, refusals included.</summary>
    private async Task SendUnnamedFileAsync(RequestContext context, string path, string realPath, FileStat stat)
    {
        if (await RefusalAsync(context, path, realPath, askDenials: true) is { } refusal)
        {
            await context.SendDenialAsync(refusal);
            return;
        }

        await SendFileAsync(context, path, _root + path, realPath, stat);
    }

    /// <summary>Whether a path that does not exist may be a single-page application's route: its last segment has no
    /// <c>.</c> (<c>/users/42</c>, not <c>/app.js</c> or <c>/.env</c>).</summary>
    private static bool IsClientRoute(string path) => !path.AsSpan(path.LastIndexOf('/') + 1).Contains('.');

    /// <summary>The Content-Disposition of the file at <paramref name="path"/>: inline with its name, or an attachment
    /// for the attachment extensions; remembered by the snapshot for the name it is served under.</summary>
    private string Disposition(FileSnapshot file, string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        if (file.KnownDisposition is { } known && name.SequenceEqual(known.Name))
        {
            return known.Value;
        }

        var nameText = name.ToString();
        var attachment = _attachmentExtensions.Any(extension => nameText.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
        var value = DispositionHeader.Format(nameText, attachment);
        file.KnownDisposition = new(nameText, value);
        return value;
    }

    /// <summary>An attachment extension as a name ending with its dot: <c>pdf</c>, <c>.pdf</c> and <c>*.pdf</c> are
    /// <c>.pdf</c>; null (and a problem) for one that cannot end a file name.</summary>
    private static string? NormalizeExtension(string? extension, ModuleConfiguration configuration)
    {
        var trimmed = extension?.Trim() ?? string.Empty;
        if (trimmed.StartsWith("*.", StringComparison.Ordinal))
        {
            trimmed = trimmed[1..];
        }

        if (trimmed.Trim('.').Length == 0 || trimmed.AsSpan().IndexOfAny("/\\*?") >= 0 || HttpSyntax.HasControlCharacters(trimmed))
        {
            configuration.Problem($"StaticFilesOptions.AttachmentExtensions: '{HttpSyntax.Printable(extension)}' is not a file name extension: write it like '.pdf' or 'pdf'.");
            return null;
        }

        return trimmed[0] == '.' ? trimmed : "." + trimmed;
    }

    /// <summary>The SPA fallback as a request path (<c>/index.html</c>); a problem unless it names a regular file inside
    /// the root without <c>.</c>, <c>..</c> or empty segments.</summary>
    private string? SpaFallbackPath(string fallback, bool rootExists, ModuleConfiguration configuration)
    {
        var relative = fallback.TrimStart('/');
        if (relative.Length == 0 || relative.Contains('\\', StringComparison.Ordinal) || HttpSyntax.HasControlCharacters(relative)
            || relative.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            configuration.Problem($"StaticFilesOptions.SpaFallback must name a file under the document root, like 'index.html' (no '\\', '.', '..' or empty segments), not '{HttpSyntax.Printable(fallback)}'.");
            return null;
        }

        var path = "/" + relative;
        if (rootExists && (RealPath.Of(_root + path) is not { } realPath || !IsUnderRoot(realPath) || FileStat.Of(realPath).Kind != FileKind.Regular))
        {
            configuration.Problem($"StaticFilesOptions.SpaFallback: '{HttpSyntax.Printable(fallback)}' is not a file inside the document root '{HttpSyntax.Printable(_root)}'.");
        }

        return path;
    }

    private Task SendDirectoryAsync(RequestContext context, string path, DirectoryInfo directory)
    {
        if (!path.EndsWith('/'))
        {
            return context.RedirectAsync(DirectoryRedirect.Location(context.PathPrefix, path, context.QueryString), StatusCodes.Status301MovedPermanently);
        }

        // An index file leading out of the root, or that is not a regular file, is as good as absent.
        if (_indexFile is { } index && RealPath.Of(Path.Join(directory.FullName, index)) is { } indexPath
            && IsUnderRoot(indexPath) && FileStat.Of(indexPath) is { Kind: FileKind.Regular } indexFile)
        {
            return SendUnnamedFileAsync(context, path + index, indexPath, indexFile);
        }

        if (!_directoryListing)
        {
            return context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "directory listing is disabled");
        }

        try
        {
            return context.RenderAsync(DirectoryListing.Render(directory, path, Context.IsPrivateFile));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "the directory cannot be read");
        }
    }

    private bool IsUnderRoot(string fullPath) =>
        fullPath == _root || (fullPath.StartsWith(_root, StringComparison.Ordinal) && fullPath[_root.Length] == Path.DirectorySeparatorChar)
        || _root == "/";
}
