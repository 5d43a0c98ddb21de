using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace MixNMatchttp.Files;

/// <summary>
/// Serves files under a root directory for requests that are not endpoints (docs/modules/static-files.md): GET and HEAD,
/// 404 for a missing file, 403 for an unreadable one or a directory without index or listing, and no way
/// out of the root (a symbolic link that leads outside it is refused). Small files are kept in memory and
/// re-checked against the file system on every request, so a changed file is never served stale.
/// </summary>
public sealed class StaticFiles : MixModule
{
    private readonly StaticFilesOptions _options;
    private readonly FileExtensionContentTypeProvider _contentTypes = new();
    private readonly ConcurrentDictionary<string, FileSnapshot> _memory = new(StringComparer.Ordinal);
    private long _memoryBytes;
    private string _root = string.Empty;
    private string[] _attachmentExtensions = [];
    private bool _directoryListing;
    private string? _indexFile;
    private long _memoryCacheMaxFileSize;
    private long _memoryCacheCapacity;

    public StaticFiles(StaticFilesOptions? options = null)
    {
        _options = options ?? new StaticFilesOptions();
    }

    /// <summary>The document root as a full path with links resolved; set when the server is built.</summary>
    public string Root => _root;

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        var root = new DirectoryInfo(Path.GetFullPath(options.Root));
        if (!root.Exists)
        {
            configuration.Problem($"StaticFilesOptions.Root: the document root '{HttpSyntax.Printable(options.Root)}' is not a directory.");
        }

        if (options.IndexFile is { } index && (index.Length == 0 || index.AsSpan().IndexOfAny('/', '\\') >= 0 || HttpSyntax.HasControlCharacters(index)))
        {
            configuration.Problem($"StaticFilesOptions.IndexFile must be a file name (no '/' or '\\'), not '{HttpSyntax.Printable(index)}'.");
        }

        if (options.MemoryCacheMaxFileSize < 0)
        {
            configuration.Problem($"StaticFilesOptions.MemoryCacheMaxFileSize cannot be negative ({options.MemoryCacheMaxFileSize}).");
        }

        if (options.MemoryCacheCapacity < 0)
        {
            configuration.Problem($"StaticFilesOptions.MemoryCacheCapacity cannot be negative ({options.MemoryCacheCapacity}).");
        }

        _root = root.Exists ? RealPath.Of(root.FullName) ?? root.FullName : root.FullName;
        _attachmentExtensions = [.. options.AttachmentExtensions.Select(extension => NormalizeExtension(extension, configuration)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
        _directoryListing = options.DirectoryListing;
        _indexFile = options.IndexFile;
        _memoryCacheMaxFileSize = options.MemoryCacheMaxFileSize;
        _memoryCacheCapacity = options.MemoryCacheCapacity;
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

        if (_memory.TryGetValue(path, out var cached) && cached.IsCurrent(new FileInfo(cached.Path)))
        {
            await FileSender.SendAsync(context, cached, Disposition(path));
            return true;
        }

        var fullPath = _root + path;
        var realPath = File.Exists(fullPath) || Directory.Exists(fullPath) ? RealPath.Of(fullPath) : null;
        if (realPath is null)
        {
            await context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");
        }
        else if (!IsUnderRoot(realPath))
        {
            Context.Logger.LeavesRoot(HttpSyntax.Printable(path));
            await context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "the path leads outside the document root");
        }
        else if (new FileInfo(realPath) is { Exists: true } file)
        {
            await SendFileAsync(context, path, file);
        }
        else
        {
            await SendDirectoryAsync(context, path, new DirectoryInfo(realPath));
        }

        return true;
    }

    private async Task SendFileAsync(RequestContext context, string path, FileInfo file)
    {
        FileSnapshot snapshot;
        try
        {
            snapshot = file.Length <= _memoryCacheMaxFileSize ? Remember(path, file) : FileSnapshot.From(file, _contentTypes);
            if (snapshot.Data is null)
            {
                // Opening proves the file is readable before a 200 is promised.
                await using var _ = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            await context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "the file cannot be read");
            return;
        }

        await FileSender.SendAsync(context, snapshot, Disposition(path));
    }

    /// <summary>The Content-Disposition of a file served as an attachment, or null to serve it inline without one.</summary>
    private string? Disposition(string path)
    {
        if (_attachmentExtensions.Length == 0)
        {
            return null;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        return _attachmentExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            ? RequestContext.ContentDisposition(name, attachment: true)
            : null;
    }

    private static string? NormalizeExtension(string? extension, ModuleConfiguration configuration)
    {
        var trimmed = extension?.Trim() ?? string.Empty;
        if (trimmed.Trim('.').Length == 0 || trimmed.AsSpan().IndexOfAny('/', '\\') >= 0 || HttpSyntax.HasControlCharacters(trimmed))
        {
            configuration.Problem($"StaticFilesOptions.AttachmentExtensions: '{HttpSyntax.Printable(extension)}' is not a file name extension: write it like '.pdf' or 'pdf'.");
            return null;
        }

        return trimmed[0] == '.' ? trimmed : "." + trimmed;
    }

    private FileSnapshot Remember(string path, FileInfo file)
    {
        var data = File.ReadAllBytes(file.FullName);
        file.Refresh();
        var snapshot = FileSnapshot.From(file, _contentTypes, data.LongLength == file.Length ? data : null);
        if (snapshot.Data is null)
        {
            return snapshot;
        }

        if (_memory.TryRemove(path, out var stale))
        {
            Interlocked.Add(ref _memoryBytes, -stale.Length);
        }

        if (Interlocked.Add(ref _memoryBytes, snapshot.Length) <= _memoryCacheCapacity && _memory.TryAdd(path, snapshot))
        {
            return snapshot;
        }

        Interlocked.Add(ref _memoryBytes, -snapshot.Length);
        return snapshot;
    }

    private Task SendDirectoryAsync(RequestContext context, string path, DirectoryInfo directory)
    {
        if (!path.EndsWith('/'))
        {
            var query = context.QueryString.Length > 0 ? "?" + context.QueryString : string.Empty;
            var name = path[(path.LastIndexOf('/') + 1)..];
            return context.RedirectAsync(Uri.EscapeDataString(name) + "/" + query, StatusCodes.Status301MovedPermanently);
        }

        if (_indexFile is { } index && RealPath.Of(Path.Join(directory.FullName, index)) is { } indexPath
            && IsUnderRoot(indexPath) && new FileInfo(indexPath) is { Exists: true } indexFile)
        {
            return SendFileAsync(context, path + index, indexFile);
        }

        if (!_directoryListing)
        {
            return context.SendErrorAsync(StatusCodes.Status403Forbidden, "Forbidden", "directory listing is disabled");
        }

        try
        {
            return context.RenderAsync(DirectoryListing.Render(directory, path));
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
