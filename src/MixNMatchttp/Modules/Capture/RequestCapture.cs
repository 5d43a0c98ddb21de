using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Capture;

/// <summary>
/// Records every request it sees: time, client, method, the raw target, headers and body (binary-safe, cut at
/// <see cref="RequestCaptureOptions.MaxBodyBytes"/>). The last <see cref="RequestCaptureOptions.MaxRequests"/> are kept in
/// memory (<see cref="Requests"/>), each is appended to an optional log file (one JSON object per line), and two
/// endpoints show them: <c>GET /requests</c> (a JSON array, oldest first) and <c>GET /requests/stream</c> (server-sent
/// events named <c>request</c>, one per new request, with the capture number as event id; <c>?replay=1</c> or a
/// <c>Last-Event-ID</c> header first replays the kept requests). Requests to these endpoints are not captured.
/// <para>It records from the Observe hook, which sees every request once its body has been read, before any module
/// or the server can refuse it: requests with a malformed target or an undecodable body are captured too (a body
/// too large to read is captured without it).</para>
/// <code>
/// MixServer.Create().Add(new RequestCapture(new RequestCaptureOptions { LogFile = "requests.jsonl" })).Add(new StaticFiles()).Build();
/// </code>
/// </summary>
public sealed class RequestCapture : MixModule
{
    private const string StreamSegment = "stream";

    private readonly RequestCaptureOptions _options;
    private CaptureStore? _store;
    private CaptureLogFile? _logFile;
    private TimeProvider _time = TimeProvider.System;
    private CancellationToken _stopping;
    private string[] _ownPaths = [];
    private StringComparison _pathComparison = StringComparison.OrdinalIgnoreCase;

    /// <summary>Creates the module; <paramref name="options"/> default to the last 100 requests, no log file, endpoints at <c>/requests</c>.</summary>
    public RequestCapture(RequestCaptureOptions? options = null)
    {
        _options = options ?? new RequestCaptureOptions();
    }

    /// <summary>The requests kept in memory, oldest first (a copy).</summary>
    public IReadOnlyList<CapturedRequest> Requests => Store.Snapshot();

    internal CaptureStore Store => _store ?? throw new InvalidOperationException("The request capture has no store until the server is built.");

    public override EndpointNode Endpoints
    {
        get
        {
            var root = new EndpointNode();
            if (!_options.ServeEndpoints)
            {
                return root;
            }

            var segments = BaseSegments();
            var node = root;
            for (var i = 0; i < segments.Length; i++)
            {
                var child = new EndpointNode();
                if (i < segments.Length - 1)
                {
                    child.Disabled = true;
                }
                else
                {
                    child.AllowedMethods = ["GET"];
                    child[StreamSegment] = new EndpointNode { AllowedMethods = ["GET"] };
                }

                node[segments[i]] = child;
                node = child;
            }

            return root;
        }
    }

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (_options.ServeEndpoints)
        {
            var basePath = string.Join('/', BaseSegments());
            map.Get(basePath, ListAsync).Get(basePath + "/" + StreamSegment, StreamAsync);
        }
    }

    public override void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = _options;
        if (options.MaxRequests < 1)
        {
            throw new MixConfigurationException($"RequestCaptureOptions.MaxRequests must be at least 1, not {options.MaxRequests}.");
        }

        if (options.MaxBodyBytes < 0)
        {
            throw new MixConfigurationException($"RequestCaptureOptions.MaxBodyBytes cannot be negative ({options.MaxBodyBytes}).");
        }

        if (options.StreamQueueCapacity < 1)
        {
            throw new MixConfigurationException($"RequestCaptureOptions.StreamQueueCapacity must be at least 1, not {options.StreamQueueCapacity}.");
        }

        var basePath = "/" + string.Join('/', BaseSegments());
        var server = services.GetService<MixServerOptions>();
        var prefix = server?.EndpointPrefix ?? string.Empty;
        _pathComparison = server?.CaseSensitiveEndpoints == true ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _ownPaths = options.ServeEndpoints ? [prefix + basePath, prefix + basePath + "/" + StreamSegment] : [];
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var lifetime = services.GetService<IHostApplicationLifetime>();
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<RequestCapture>();
        var logFile = options.LogFile is { } path ? CaptureLogFile.Open(path) : null;
        _logFile = logFile;
        _store = new CaptureStore(options.MaxRequests, logFile, logger);
        logger.CaptureReady(options.MaxRequests, options.ServeEndpoints ? string.Join(", ", _ownPaths) : "(none)", logFile?.Path ?? "(none)");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _logFile?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Observe(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.CaptureOwnEndpoints || !IsOwnEndpoint(context.Path))
        {
            Capture(context);
        }
    }

    private void Capture(RequestContext context)
    {
        var http = context.HttpContext;
        var headers = new List<KeyValuePair<string, string>>(http.Request.Headers.Count);
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? string.Empty));
            }
        }

        var body = context.Body;
        var kept = body.Length > _options.MaxBodyBytes ? body[.._options.MaxBodyBytes] : body;
        var time = _time.GetUtcNow();
        var connection = http.Connection;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
        Store.Record(id => new CapturedRequest(
            id, time, connection.RemoteIpAddress?.ToString(), connection.RemotePort, http.Request.Method, target, http.Request.Protocol, headers, kept.ToArray(), body.Length));
    }

    private bool IsOwnEndpoint(string path)
    {
        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
        foreach (var own in _ownPaths)
        {
            if (string.Equals(trimmed, own, _pathComparison))
            {
                return true;
            }
        }

        return false;
    }

    private ValueTask ListAsync(RequestContext context)
    {
        var json = new StringBuilder("[");
        foreach (var request in Store.Snapshot())
        {
            json.Append(json.Length > 1 ? "," : string.Empty).Append(request.ToJson());
        }

        context.Response.Headers.CacheControl = "no-store";
        return new(context.RenderAsync(Encoding.UTF8.GetBytes(json.Append(']').ToString()), "application/json; charset=utf-8"));
    }

    private async ValueTask StreamAsync(RequestContext context)
    {
        if (HttpMethods.IsHead(context.Method))
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.StartResponse(StatusCodes.Status200OK, "text/event-stream; charset=utf-8");
            return;
        }

        using var subscription = Store.Subscribe(_options.StreamQueueCapacity);
        var events = await context.BeginEventStreamAsync();
        var sent = 0L;
        if (ReplayAfter(context) is { } after)
        {
            foreach (var request in Store.Snapshot())
            {
                if (request.Id > after)
                {
                    await SendAsync(events, request);
                    sent = request.Id;
                }
            }
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.Aborted, _stopping);
        try
        {
            await foreach (var request in subscription.Reader.ReadAllAsync(ended.Token))
            {
                if (request.Id > sent)
                {
                    await SendAsync(events, request);
                    sent = request.Id;
                }
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream ends here.
        }
    }

    private static Task SendAsync(ServerSentEvents events, CapturedRequest request) =>
        events.SendAsync(request.ToJson(), "request", request.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The capture number after which kept requests are replayed: from <c>Last-Event-ID</c>, or 0 for
    /// <c>?replay=1</c>; null for no replay.</summary>
    private static long? ReplayAfter(RequestContext context)
    {
        if (long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var lastId))
        {
            return lastId;
        }

        return context.Query.TryGetValue("replay", out var replay) && replay.ToString() is "1" or "true" ? 0 : null;
    }

    /// <summary>The segments of <see cref="RequestCaptureOptions.BasePath"/>; throws when it is not a usable path.</summary>
    private string[] BaseSegments()
    {
        var basePath = _options.BasePath;
        var segments = basePath?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (basePath is null || basePath.Length == 0 || basePath[0] != '/' || segments.Length == 0
            || RequestTarget.Canonicalize(basePath) != basePath.TrimEnd('/') || segments.Any(segment => segment == EndpointNode.Variable)
            || basePath.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0 || basePath.Contains('?', StringComparison.Ordinal) || basePath.Contains('#', StringComparison.Ordinal))
        {
            throw new MixConfigurationException($"RequestCaptureOptions.BasePath must be a canonical path of one or more segments starting with '/', like '/requests', not '{HttpSyntax.Printable(basePath)}'.");
        }

        return segments;
    }
}
