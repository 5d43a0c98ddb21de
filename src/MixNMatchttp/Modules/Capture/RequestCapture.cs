using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Capture;

/// <summary>
/// Records every request it sees: time, client, method, the raw target, headers and body (binary-safe, cut at
/// <see cref="RequestCaptureOptions.MaxBodyBytes"/>), with credentials and password or token fields hidden unless
/// <see cref="RequestCaptureOptions.RedactSecrets"/> is off. The last <see cref="RequestCaptureOptions.MaxRequests"/> are kept in
/// memory (<see cref="Requests"/>), each is appended to an optional log file (one JSON object per line), and two
/// endpoints show them: <c>GET /requests</c> (a JSON array, oldest first) and <c>GET /requests/stream</c> (server-sent
/// events named <c>request</c>, one per new request, with the capture number as event id; <c>?replay=1</c> or a
/// <c>Last-Event-ID</c> header first replays the kept requests). Requests to these endpoints are not captured.
/// <para>It records from the Observe hook, which sees every request once it has been answered, whatever the answer:
/// requests the server refused (a malformed target, an undecodable body), denied or failed are captured too. A body
/// nobody read (a refused request, a file path) is read up to <see cref="RequestCaptureOptions.MaxBodyBytes"/> for the
/// capture and counted, never buffered whole; a body too large for the server is captured without it.</para>
/// <code>
/// MixServer.Create().Add(new RequestCapture(new RequestCaptureOptions { LogFile = "requests.jsonl" })).Add(new StaticFiles()).Build();
/// </code>
/// </summary>
public sealed class RequestCapture : MixModule
{
    private const string StreamSegment = "stream";

    private readonly RequestCaptureOptions _options;
    private CaptureStore? _store;
    private LogRotation _logRotation = new();
    private LogFile? _logFile;
    private string[] _ownPaths = [];
    private string[] _baseSegments = [];
    private StringComparison _pathComparison = StringComparison.OrdinalIgnoreCase;

    /// <summary>Creates the module; <paramref name="options"/> default to the last 100 requests, no log file, endpoints at <c>/requests</c>.</summary>
    public RequestCapture(RequestCaptureOptions? options = null)
    {
        _options = options ?? new RequestCaptureOptions();
    }

    /// <summary>The requests kept in memory, oldest first (a copy); empty until the server starts.</summary>
    public IReadOnlyList<CapturedRequest> Requests => _store?.Snapshot() ?? [];

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

            var segments = _baseSegments;
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
            var basePath = string.Join('/', _baseSegments);
            map.Get(basePath, ListAsync).Get(basePath + "/" + StreamSegment, StreamAsync);
        }
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        if (options.MaxRequests < 1)
        {
            configuration.Problem($"RequestCaptureOptions.MaxRequests must be at least 1, not {options.MaxRequests}.");
        }

        if (options.MaxBodyBytes < 0)
        {
            configuration.Problem($"RequestCaptureOptions.MaxBodyBytes cannot be negative ({options.MaxBodyBytes}).");
        }

        if (options.StreamQueueCapacity < 1)
        {
            configuration.Problem($"RequestCaptureOptions.StreamQueueCapacity must be at least 1, not {options.StreamQueueCapacity}.");
        }

        if (BaseSegments(options.BasePath) is { } segments)
        {
            _baseSegments = segments;
        }
        else
        {
            configuration.Problem($"RequestCaptureOptions.BasePath must be a canonical path of one or more segments starting with '/', like '/requests', not '{HttpSyntax.Printable(options.BasePath)}'.");
        }

        _logRotation = (options.LogRotation ?? new LogRotation()).Copy();
        if (_logRotation.Problem("RequestCaptureOptions.LogRotation") is { } rotationProblem)
        {
            configuration.Problem(rotationProblem);
        }

        if (options.LogFile is { } logFile)
        {
            configuration.KeepPrivate(logFile);
            foreach (var oldFile in _logRotation.OldFiles(logFile))
            {
                configuration.KeepPrivate(oldFile);
            }
        }

        var server = configuration.ServerOptions;
        var basePath = server.EndpointPrefix + "/" + string.Join('/', _baseSegments);
        _pathComparison = server.CaseSensitiveEndpoints ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _ownPaths = options.ServeEndpoints ? [basePath, basePath + "/" + StreamSegment] : [];
    }

    public override ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logFile = _options.LogFile is { } path
            ? LogFile.Open("RequestCaptureOptions.LogFile", path, _logRotation, context.Logger, context.TimeProvider)
            : null;
        _logFile = logFile;
        _store = new CaptureStore(_options.MaxRequests, logFile, context.Logger);
        context.Logger.CaptureReady(_options.MaxRequests, _options.ServeEndpoints ? string.Join(", ", _ownPaths) : "(none)", logFile?.Path ?? "(none)");
        return default;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }

    public override async ValueTask ObserveAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.CaptureOwnEndpoints || !IsOwnEndpoint(context.Path))
        {
            var (body, length) = await context.ReadBodyStartAsync(_options.MaxBodyBytes);
            await CaptureAsync(context, body, length);
        }
    }

    private ValueTask CaptureAsync(RequestContext context, ReadOnlyMemory<byte> body, long bodyLength)
    {
        var http = context.HttpContext;
        var redact = _options.RedactSecrets;
        var headers = new List<KeyValuePair<string, string>>(http.Request.Headers.Count);
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, redact ? SecretRedaction.HeaderValue(name, value ?? string.Empty) : value ?? string.Empty));
            }
        }

        var time = Context.TimeProvider.GetUtcNow();
        var connection = http.Connection;
        var target = redact ? SecretRedaction.Target(context.RawTarget) : context.RawTarget;
        var truncated = body.Length < bodyLength;
        var kept = redact ? SecretRedaction.Body(body.ToArray(), http.Request.ContentType, truncated) : body.ToArray();
        return Store.RecordAsync(id => new CapturedRequest(
            id, time, connection.RemoteIpAddress?.ToString(), connection.RemotePort, http.Request.Method, target, http.Request.Protocol, headers, kept, bodyLength, truncated));
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
        if (context.IsMethod(HttpMethods.Head))
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

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.Aborted, Context.Stopping);
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

    /// <summary>The segments of <see cref="RequestCaptureOptions.BasePath"/>; null when it is not a usable path.</summary>
    private static string[]? BaseSegments(string? basePath)
    {
        var segments = basePath?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var usable = basePath is { Length: > 0 } && basePath[0] == '/' && segments.Length > 0
            && RequestTarget.Canonicalize(basePath) == basePath.TrimEnd('/') && !segments.Any(segment => segment == EndpointNode.Variable)
            && !basePath.Contains(' ', StringComparison.Ordinal) && !HttpSyntax.HasControlCharacters(basePath)
            && !basePath.Contains('?', StringComparison.Ordinal) && !basePath.Contains('#', StringComparison.Ordinal);
        return usable ? segments : null;
    }
}
