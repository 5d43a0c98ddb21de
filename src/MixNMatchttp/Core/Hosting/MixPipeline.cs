using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>
/// The one request flow (SPEC §1): target → body → denials → endpoint or fallback → response, every
/// response passing through <see cref="RequestContext.StartResponse"/> for its headers.
/// </summary>
internal sealed class MixPipeline
{
    internal const string InternalError = "Internal Server Error\n";
    private static readonly RequestTarget RootTarget = new("/", "/", string.Empty);

    private readonly MixModule[] _modules;
    private readonly EndpointTree _tree;
    private readonly string _pathPrefix;
    private readonly string _endpointPrefix;
    private readonly long _maxBodySize;
    private readonly ILogger _logger;

    public MixPipeline(MixModule[] modules, EndpointTree tree, TemplateSet templates, MixServerOptions options, ILogger logger)
    {
        _modules = modules;
        _tree = tree;
        Templates = templates;
        _pathPrefix = options.PathPrefix;
        _endpointPrefix = options.EndpointPrefix;
        _maxBodySize = options.MaxRequestBodySize;
        _logger = logger;
    }

    public TemplateSet Templates { get; }

    public string PathPrefix => _pathPrefix;

    public JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = false };

    public IContentTypeProvider ContentTypes { get; } = new FileExtensionContentTypeProvider();

    public async Task HandleAsync(HttpContext http)
    {
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        try
        {
            await ProcessAsync(http, rawTarget);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            _logger.ClientGone(http.Request.Method, rawTarget);
        }
        catch (Exception e)
        {
            _logger.HandlerFailed(e, http.Request.Method, rawTarget);
            if (http.Response.HasStarted)
            {
                http.Abort();
                return;
            }

            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(InternalError);
        }
    }

    internal void AddModuleHeaders(RequestContext context, IHeaderDictionary headers)
    {
        var noCache = false;
        foreach (var module in _modules)
        {
            module.AddHeaders(context, headers);
            noCache |= module.NoCache(context);
        }

        if (noCache)
        {
            headers.CacheControl = "no-cache, no-store, must-revalidate";
            headers.Pragma = "no-cache";
            headers.Expires = "0";
        }
    }

    private async Task ProcessAsync(HttpContext http, string rawTarget)
    {
        var error = RequestTarget.TryParse(rawTarget, out var target);
        if (error is not null)
        {
            await Observed(new RequestContext(http, RootTarget, this)).SendErrorAsync(StatusCodes.Status400BadRequest, "Bad Request", error);
            return;
        }

        if (_pathPrefix.Length > 0 && !TryStripPrefix(ref target, _pathPrefix))
        {
            await Observed(new RequestContext(http, target, this)).SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");
            return;
        }

        var context = new RequestContext(http, target, this);
        try
        {
            await RespondAsync(context, target);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            // A 500 that still carries the modules' headers (a browser sees the error, not a CORS failure); if
            // a module's header hook is what failed, HandleAsync answers without them.
            _logger.HandlerFailed(e, http.Request.Method, rawTarget);
            await context.SendInternalErrorAsync();
        }
    }

    private async Task RespondAsync(RequestContext context, RequestTarget target)
    {
        var http = context.HttpContext;
        var (body, bodyError) = await RequestBody.ReadAsync(http, _maxBodySize);
        context.BodyData = body;
        Observed(context);
        if (bodyError is not null)
        {
            await SendDenialAsync(context, bodyError);
            return;
        }

        foreach (var module in _modules)
        {
            if (await module.DeniedAsync(context) is { } denial)
            {
                await SendDenialAsync(context, denial);
                return;
            }
        }

        if (!await TryEndpointAsync(context, target))
        {
            await FallbackAsync(context);
        }

        if (!context.HasResponded)
        {
            await context.SendEmptyAsync();
        }
    }

    private RequestContext Observed(RequestContext context)
    {
        foreach (var module in _modules)
        {
            module.Observe(context);
        }

        return context;
    }

    /// <summary>Runs the endpoint the path resolves to; false when it is not an endpoint.</summary>
    private async Task<bool> TryEndpointAsync(RequestContext context, RequestTarget target)
    {
        if (_endpointPrefix.Length > 0 && !TryStripPrefix(ref target, _endpointPrefix))
        {
            return false;
        }

        var match = _tree.Resolve(target.CanonicalPath, target.DecodedPath);
        var endpoint = match.Node!;
        if (endpoint.Attributes.Disabled)
        {
            return false;
        }

        var method = context.Method;
        var isOptions = HttpMethods.IsOptions(method);
        if (isOptions || !endpoint.Allows(method))
        {
            context.Response.Headers.Allow = endpoint.AllowHeader;
            if (!isOptions)
            {
                await context.SendErrorAsync(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", $"{method} is not allowed here");
                return true;
            }
        }

        var nargs = endpoint.Attributes.NArgs;
        var argsLength = match.ArgsLength;
        if (!isOptions && (argsLength < nargs.Min || argsLength > nargs.Max))
        {
            var problem = argsLength < nargs.Min ? "missing arguments" : "extra arguments";
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, "Bad Request", $"{problem}: the endpoint takes {Describe(nargs)}, got {argsLength}");
            return true;
        }

        if (!isOptions && MissingParams(context, endpoint.Attributes.RequiredParams) is { } missing)
        {
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, "Bad Request", $"missing required parameter(s): {missing}");
            return true;
        }

        var selection = endpoint.Selection(method);
        context.Endpoint = new ParsedEndpoint(endpoint, selection, match);
        await selection.Handler(context);
        return true;
    }

    private async Task FallbackAsync(RequestContext context)
    {
        foreach (var module in _modules)
        {
            if (await module.FallbackAsync(context))
            {
                return;
            }
        }

        var method = context.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            await context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");
        }
        else if (HttpMethods.IsOptions(method))
        {
            context.Response.Headers.Allow = "GET, HEAD, OPTIONS";
            await context.SendEmptyAsync();
        }
        else
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await context.SendErrorAsync(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", $"{method} is not allowed here");
        }
    }

    /// <summary>The required parameters the request lacks, comma-separated; null when it has them all.</summary>
    private static string? MissingParams(RequestContext context, IReadOnlyList<string> required)
    {
        List<string>? missing = null;
        foreach (var name in required)
        {
            if (context.GetParam(name) is null)
            {
                (missing ??= []).Add(name);
            }
        }

        return missing is null ? null : string.Join(", ", missing);
    }

    private static Task SendDenialAsync(RequestContext context, Denial denial) =>
        context.SendErrorAsync(denial.StatusCode, denial.Message, denial.Explanation);

    /// <summary>Removes <paramref name="prefix"/> from the target when the path starts with it at a '/' boundary.</summary>
    private static bool TryStripPrefix(ref RequestTarget target, string prefix)
    {
        var canonical = target.CanonicalPath;
        if (!canonical.StartsWith(prefix, StringComparison.Ordinal) || (canonical.Length > prefix.Length && canonical[prefix.Length] != '/'))
        {
            return false;
        }

        var decoded = target.DecodedPath;
        var strippedDecoded = decoded.StartsWith(prefix + "/", StringComparison.Ordinal) ? decoded[prefix.Length..] : null;
        var strippedCanonical = canonical.Length == prefix.Length ? "/" : canonical[prefix.Length..];
        target = target with { CanonicalPath = strippedCanonical, DecodedPath = strippedDecoded ?? strippedCanonical };
        return true;
    }

    private static string Describe(NArgs nargs) =>
        nargs.Max == int.MaxValue ? $"at least {nargs.Min} argument(s)"
        : nargs.Min == nargs.Max ? $"{nargs.Min} argument(s)"
        : $"{nargs.Min} to {nargs.Max} argument(s)";
}
