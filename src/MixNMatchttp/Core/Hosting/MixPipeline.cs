using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>
/// The one request flow (docs/ARCHITECTURE.md): target → denials → endpoint (method, arguments, body, required
/// parameters, handler) or fallback → response, the response's headers written once when it starts, then the
/// observers. Cheap refusals come first: nothing reads the body of a request that is refused.
/// </summary>
internal sealed class MixPipeline
{
    internal const string InternalError = "Internal Server Error\n";
    private static readonly RequestTarget RootTarget = new("/", "/", "/", "/", string.Empty);
    private static readonly Func<object, Task> WriteHeadersOnStart = static state =>
    {
        var context = (RequestContext)state;
        context.WriteHeaders(context.Response.Headers);
        return Task.CompletedTask;
    };

    private readonly ModuleHooks _hooks;
    private readonly EndpointTree _tree;
    private readonly string _pathPrefix;
    private readonly string _endpointPrefix;
    private readonly ILogger _logger;

    public MixPipeline(ModuleHooks hooks, EndpointTree tree, TemplateSet templates, MixServerOptions options, ILogger logger)
    {
        _hooks = hooks;
        _tree = tree;
        Templates = templates;
        _pathPrefix = options.PathPrefix;
        _endpointPrefix = options.EndpointPrefix;
        MaxBodySize = options.MaxRequestBodySize;
        _logger = logger;
    }

    public TemplateSet Templates { get; }

    public long MaxBodySize { get; }

    public string PathPrefix => _pathPrefix;

    public JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = false };

    public IContentTypeProvider ContentTypes { get; } = new FileExtensionContentTypeProvider();

    public async Task HandleAsync(HttpContext http)
    {
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var (target, refusal) = ParseTarget(rawTarget);
        if (RequestFraming.Problem(http.Request) is { } framing)
        {
            // The body's extent cannot be trusted, so neither can the next request on this connection.
            refusal = framing;
            http.Response.Headers.Connection = "close";
        }

        var context = new RequestContext(http, target, this);
        http.Response.OnStarting(WriteHeadersOnStart, context);
        try
        {
            await ProcessAsync(context, refusal);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            _logger.ClientGone(HttpSyntax.Printable(http.Request.Method), HttpSyntax.Printable(rawTarget));
        }
        catch (Exception e)
        {
            // A module's header hook failed, so even the 500 cannot carry the modules' headers.
            _logger.HandlerFailed(e, HttpSyntax.Printable(http.Request.Method), HttpSyntax.Printable(rawTarget));
            if (http.Response.HasStarted)
            {
                http.Abort();
            }
            else
            {
                await context.SendBareInternalErrorAsync();
            }
        }

        await ObserveAsync(context);
    }

    internal void AddModuleHeaders(RequestContext context, IHeaderDictionary headers)
    {
        var noCache = false;
        foreach (var module in _hooks.HeaderWriters)
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

    /// <summary>The target to serve, or the root with the answer that refuses it (400 for a target that cannot be
    /// served, 404 for a path outside the path prefix).</summary>
    private (RequestTarget Target, Denial? Refusal) ParseTarget(string rawTarget)
    {
        if (RequestTarget.TryParse(rawTarget, out var target) is { } error)
        {
            return (RootTarget with { RawTarget = rawTarget }, new Denial(StatusCodes.Status400BadRequest, "Bad Request", error));
        }

        if (_pathPrefix.Length > 0 && !TryStripPrefix(ref target, _pathPrefix))
        {
            return (target, new Denial(StatusCodes.Status404NotFound, "Not Found"));
        }

        return (target, null);
    }

    private async Task ProcessAsync(RequestContext context, Denial? refusal)
    {
        var http = context.HttpContext;
        try
        {
            await RespondAsync(context, refusal);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            // A 500 that still carries the modules' headers (a browser sees the error, not a CORS failure); if
            // a module's header hook is what failed, HandleAsync answers without them.
            _logger.HandlerFailed(e, HttpSyntax.Printable(http.Request.Method), HttpSyntax.Printable(context.RawTarget));
            await context.SendInternalErrorAsync();
        }
    }

    private async Task RespondAsync(RequestContext context, Denial? refusal)
    {
        if (refusal is not null)
        {
            await context.SendDenialAsync(refusal);
            return;
        }

        if (await DenyAsync(context) is { } denial)
        {
            await context.SendDenialAsync(denial);
            return;
        }

        if (!await TryEndpointAsync(context))
        {
            await FallbackAsync(context);
        }

        if (!context.HasResponded)
        {
            await context.SendEmptyAsync();
        }
    }

    /// <summary>The first denial of the modules that refuse requests; null when none does.</summary>
    internal async ValueTask<Denial?> DenyAsync(RequestContext context)
    {
        foreach (var module in _hooks.Deniers)
        {
            if (await module.DeniedAsync(context) is { } denial)
            {
                return denial;
            }
        }

        return null;
    }

    private async Task ObserveAsync(RequestContext context)
    {
        foreach (var module in _hooks.Observers)
        {
            try
            {
                await module.ObserveAsync(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.ObserverFailed(e, module.GetType().Name, HttpSyntax.Printable(context.Method), HttpSyntax.Printable(context.RawTarget));
            }
        }
    }

    /// <summary>Runs the endpoint the path resolves to; false when it is not an endpoint.</summary>
    private async Task<bool> TryEndpointAsync(RequestContext context)
    {
        var path = context.Path;
        var decodedPath = context.DecodedPath;
        if (_endpointPrefix.Length > 0 && !TryStripPrefix(ref path, ref decodedPath, _endpointPrefix))
        {
            return false;
        }

        var match = _tree.Resolve(path, decodedPath);
        var endpoint = match.Node!;
        if (endpoint.Attributes.Disabled)
        {
            return false;
        }

        var method = context.Method;
        var isOptions = context.IsMethod(HttpMethods.Options);
        if (isOptions || !endpoint.Allows(method))
        {
            context.Response.Headers.Allow = endpoint.AllowHeader;
            if (!isOptions)
            {
                await context.SendErrorAsync(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", $"{HttpSyntax.Printable(method)} is not allowed here");
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

        if (await context.ReadBodyAsync() is { } bodyError)
        {
            await context.SendDenialAsync(bodyError);
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
        foreach (var module in _hooks.Fallbacks)
        {
            if (await module.FallbackAsync(context))
            {
                return;
            }
        }

        if (context.IsMethod(HttpMethods.Get) || context.IsMethod(HttpMethods.Head))
        {
            await context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found");
        }
        else if (context.IsMethod(HttpMethods.Options))
        {
            context.Response.Headers.Allow = "GET, HEAD, OPTIONS";
            await context.SendEmptyAsync();
        }
        else
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await context.SendErrorAsync(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", $"{HttpSyntax.Printable(context.Method)} is not allowed here");
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

    private static bool TryStripPrefix(ref RequestTarget target, string prefix)
    {
        var path = target.CanonicalPath;
        var decodedPath = target.DecodedPath;
        if (!TryStripPrefix(ref path, ref decodedPath, prefix))
        {
            return false;
        }

        target = target with { CanonicalPath = path, DecodedPath = decodedPath };
        return true;
    }

    /// <summary>Removes <paramref name="prefix"/> from the canonical and the decoded path when the canonical path starts
    /// with it at a '/' boundary.</summary>
    private static bool TryStripPrefix(ref string canonical, ref string decoded, string prefix)
    {
        if (!canonical.StartsWith(prefix, StringComparison.Ordinal) || (canonical.Length > prefix.Length && canonical[prefix.Length] != '/'))
        {
            return false;
        }

        var strippedDecoded = decoded.StartsWith(prefix + "/", StringComparison.Ordinal) ? decoded[prefix.Length..] : null;
        canonical = canonical.Length == prefix.Length ? "/" : canonical[prefix.Length..];
        decoded = strippedDecoded ?? canonical;
        return true;
    }

    private static string Describe(NArgs nargs) =>
        nargs.Max == int.MaxValue ? $"at least {nargs.Min} argument(s)"
        : nargs.Min == nargs.Max ? $"{nargs.Min} argument(s)"
        : $"{nargs.Min} to {nargs.Max} argument(s)";
}
