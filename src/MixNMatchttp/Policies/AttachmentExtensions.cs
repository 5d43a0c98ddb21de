using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MixNMatchttp;

/// <summary>
/// Makes browsers download static files whose names end with one of the configured extensions: a 200 or 206 answer to
/// GET or HEAD for such a file gets <c>Content-Disposition: attachment; filename=…</c> (SPEC §11). Only responses of
/// the <see cref="StaticFiles"/> module are changed: a response that already names a disposition (a handler's
/// <c>SendFileAsync</c> or <c>SendDownloadAsync</c>) or is not a file (no <c>ETag</c> and <c>Accept-Ranges</c>) is left alone.
/// <code>
/// MixServer.Create().Add(new StaticFiles()).Add(new AttachmentExtensions(new() { Extensions = [".pdf", ".zip"] })).Build();
/// </code>
/// </summary>
public sealed class AttachmentExtensions : MixModule
{
    private readonly AttachmentExtensionsOptions _options;
    private string[] _extensions = [];
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Creates the module; without <paramref name="options"/> it changes nothing.</summary>
    public AttachmentExtensions(AttachmentExtensionsOptions? options = null)
    {
        _options = options ?? new AttachmentExtensionsOptions();
    }

    public override void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _extensions = [.. (_options.Extensions ?? []).Select(Normalize).Distinct(StringComparer.OrdinalIgnoreCase)];
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<AttachmentExtensions>();
    }

    public override void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(headers);
        if (_extensions.Length == 0 || !IsStaticFile(context, headers))
        {
            return;
        }

        var path = context.Path;
        var name = path[(path.LastIndexOf('/') + 1)..];
        foreach (var extension in _extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentDisposition = RequestContext.ContentDisposition(name, attachment: true);
                _logger.ServedAsAttachment(path);
                return;
            }
        }
    }

    /// <summary>A successful answer of <see cref="StaticFiles"/>: GET or HEAD, 200 or 206, the validators the file
    /// sender sets before the response starts, and no disposition chosen by a handler.</summary>
    private static bool IsStaticFile(RequestContext context, IHeaderDictionary headers) =>
        (HttpMethods.IsGet(context.Method) || HttpMethods.IsHead(context.Method))
        && context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status206PartialContent
        && headers.ContentDisposition.Count == 0
        && headers.ETag.Count > 0
        && headers.AcceptRanges.Count > 0;

    private static string Normalize(string? extension)
    {
        var trimmed = extension?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed == "." || trimmed.Contains('/', StringComparison.Ordinal) || trimmed.Contains('\\', StringComparison.Ordinal)
            || trimmed.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0)
        {
            throw new MixConfigurationException($"AttachmentExtensionsOptions.Extensions: '{HttpSyntax.Printable(extension)}' is not a file name extension: write it like '.pdf' or 'pdf'.");
        }

        return trimmed[0] == '.' ? trimmed : "." + trimmed;
    }
}
