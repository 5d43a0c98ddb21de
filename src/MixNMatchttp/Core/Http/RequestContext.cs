using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>
/// One request as every module and handler sees it: the decoded and canonical path, query and body
/// parameters, the parsed endpoint, and the response helpers of docs/behaviour.md ("Responses and templates"). Every response made through
/// these helpers carries, in order, the headers saved for this request, the modules' headers and, when a
/// module asks for it, the no-cache headers.
/// </summary>
public sealed class RequestContext
{
    private readonly MixPipeline _pipeline;
    private readonly string _queryString;
    private Dictionary<string, StringValues>? _query;
    private ParsedEndpoint? _endpoint;
    private List<KeyValuePair<string, string>>? _savedHeaders;
    private Dictionary<string, object?>? _savedParams;
    private RequestBody? _body;
    private Denial? _bodyError;
    private bool _started;
    private bool _headersWritten;

    internal RequestContext(HttpContext httpContext, RequestTarget target, MixPipeline pipeline)
    {
        HttpContext = httpContext;
        _pipeline = pipeline;
        RawTarget = target.RawTarget;
        RawPath = target.RawPath;
        Path = target.CanonicalPath;
        DecodedPath = target.DecodedPath;
        _queryString = target.Query;
    }

    public HttpContext HttpContext { get; }

    public HttpRequest Request => HttpContext.Request;

    public HttpResponse Response => HttpContext.Response;

    public string Method => HttpContext.Request.Method;

    /// <summary>The canonical, percent-decoded path (starts with '/', no '.', '..' or empty segments; a trailing '/' is
    /// kept), after the server's path prefix.</summary>
    public string Path { get; }

    /// <summary>The percent-decoded path as sent, before canonicalization, after the server's path prefix.</summary>
    public string DecodedPath { get; }

    /// <summary>The path exactly as sent: not decoded, not canonicalized, the server's path prefix included.</summary>
    public string RawPath { get; }

    /// <summary>The request target exactly as sent, query included.</summary>
    public string RawTarget { get; }

    /// <summary>The server's <see cref="MixServerOptions.PathPrefix"/>, which <see cref="Path"/> no longer carries: put it
    /// back in front of a path to make a URL of this server.</summary>
    public string PathPrefix => _pipeline.PathPrefix;

    /// <summary>The query string as sent, without the '?'.</summary>
    public string QueryString => _queryString;

    /// <summary>The query parameters, percent-decoded; a bare key has an empty value.</summary>
    public IReadOnlyDictionary<string, StringValues> Query => _query ??= _queryString.Length == 0 ? [] : QueryHelpers.ParseQuery(_queryString);

    /// <summary>Whether <see cref="ReadBodyAsync"/> has read the body. The server reads it before an endpoint's handler
    /// runs; a request refused before (a denial, 405, a file path) never has its body read.</summary>
    public bool IsBodyRead => _body is not null;

    /// <summary>The request body as received: empty when there is none or it has not been read (<see cref="IsBodyRead"/>).</summary>
    public ReadOnlyMemory<byte> Body => (_body ?? RequestBody.Empty).Bytes;

    /// <summary>The body parsed as JSON, when it was sent as application/json or text/json (and has been read).</summary>
    public JsonElement? Json => _body?.Json;

    /// <summary>The body parameters of a URL-encoded form, when it was sent as one (and has been read).</summary>
    public IReadOnlyDictionary<string, StringValues>? Form => _body?.Form;

    /// <summary>Whether the request came over TLS.</summary>
    public bool IsHttps => HttpContext.Request.IsHttps;

    /// <summary>Cancelled when the client goes away.</summary>
    public CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Whether a response has been started for this request.</summary>
    public bool HasResponded => _started || HttpContext.Response.HasStarted;

    /// <summary>The endpoint the request resolved to; set for endpoint handlers only.</summary>
    public ParsedEndpoint Endpoint
    {
        get => _endpoint ?? throw new InvalidOperationException("The request did not resolve to an endpoint: Endpoint is set for endpoint handlers only.");
        internal set => _endpoint = value;
    }

    /// <summary>Whether the request's method is <paramref name="method"/>, compared case-sensitively as RFC 9110 §9.1
    /// says: <c>get</c> is not GET.</summary>
    public bool IsMethod(string method) => string.Equals(Method, method, StringComparison.Ordinal);

    /// <summary>
    /// Asks the modules' denial hooks about another path of the same request: a file module asks about the path a
    /// request really reaches (through a symbolic link), so that what protects <c>/secret</c> also protects
    /// <c>/pub</c> when it links there. Returns the first denial, or null.
    /// </summary>
    internal ValueTask<Denial?> DeniedAtAsync(string path) =>
        _pipeline.DenyAsync(new RequestContext(HttpContext, new RequestTarget(RawTarget, RawPath, path, path, _queryString), _pipeline));

    /// <summary>
    /// Reads and decodes the body once (JSON or a URL-encoded form), up to <see cref="MixServerOptions.MaxRequestBodySize"/>;
    /// later calls return the first answer. Returns why the body cannot be used (400, 413), or null.
    /// </summary>
    public async ValueTask<Denial?> ReadBodyAsync()
    {
        if (_body is null)
        {
            (_body, _bodyError) = await RequestBody.ReadAsync(HttpContext, _pipeline.MaxBodySize);
        }

        return _bodyError;
    }

    /// <summary>
    /// For observers: the first <paramref name="maxBytes"/> bytes of the body and its length, reading (and discarding
    /// the rest of) a body nobody read, but never more than the server's body limit. A body that cannot be read gives
    /// what was read of it.
    /// </summary>
    public async ValueTask<(ReadOnlyMemory<byte> Start, long Length)> ReadBodyStartAsync(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (_body is null)
        {
            var (start, length) = await RequestBody.ReadStartAsync(HttpContext, maxBytes, _pipeline.MaxBodySize);
            _body = RequestBody.Empty;
            return (start, length);
        }

        var body = _body.Bytes;
        return (body.Length > maxBytes ? body[..maxBytes] : body, body.Length);
    }

    /// <summary>A parameter from the body (JSON object member or form field) or else the query; null when absent.
    /// JSON strings are returned as they are, other JSON values as JSON text. The body must have been read
    /// (<see cref="ReadBodyAsync"/>; the server reads it before an endpoint's handler runs).</summary>
    public string? GetParam(string name)
    {
        EnsureBodyRead();
        if (Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            };
        }

        if (Form is not null && Form.TryGetValue(name, out var field))
        {
            return field.ToString();
        }

        return Query.TryGetValue(name, out var query) ? query.ToString() : null;
    }

    /// <summary>All values of a parameter: a JSON array's items, a repeated form field or query key, or a comma-separated list.</summary>
    public IReadOnlyList<string> GetParamValues(string name)
    {
        EnsureBodyRead();
        if (Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value))
        {
            return value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())]
                : SplitList(GetParam(name));
        }

        if (Form is not null && Form.TryGetValue(name, out var field))
        {
            return field.Count == 1 ? SplitList(field.ToString()) : [.. field.OfType<string>()];
        }

        return Query.TryGetValue(name, out var query) ? (query.Count == 1 ? SplitList(query.ToString()) : [.. query.OfType<string>()]) : [];
    }

    /// <summary>Adds a header to this request's response (repeatable, e.g. several Set-Cookie).</summary>
    public void SaveHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        (_savedHeaders ??= []).Add(new(name, value));
    }

    /// <summary>Saves a value to send with <see cref="SendSavedParamsAsync"/>; with <paramref name="isList"/> values
    /// under one key accumulate in a list.</summary>
    public void SaveParam(string key, object? value, bool isList = false)
    {
        var saved = _savedParams ??= new(StringComparer.Ordinal);
        if (!isList)
        {
            saved[key] = value;
        }
        else if (saved.TryGetValue(key, out var existing) && existing is List<object?> list)
        {
            list.Add(value);
        }
        else
        {
            saved[key] = new List<object?> { value };
        }
    }

    /// <summary>
    /// Sets the status and the response headers: those saved for this request, the modules' headers, and the
    /// no-cache headers when a module asks for them. The response helpers call it; a handler that writes to
    /// <see cref="Response"/> directly gets the same headers when its response starts.
    /// </summary>
    public void StartResponse(int statusCode, string? contentType = null, long? contentLength = null)
    {
        if (HasResponded)
        {
            throw new InvalidOperationException("A response has already been started for this request.");
        }

        _started = true;
        var response = HttpContext.Response;
        response.StatusCode = statusCode;
        var headers = response.Headers;
        if (contentType is not null)
        {
            headers.ContentType = contentType;
        }

        if (contentLength is not null)
        {
            headers.ContentLength = contentLength;
        }

        WriteHeaders(headers);
    }

    /// <summary>Adds the saved and the modules' headers once: from <see cref="StartResponse"/>, or when a response a
    /// handler wrote directly starts.</summary>
    internal void WriteHeaders(IHeaderDictionary headers)
    {
        if (_headersWritten)
        {
            return;
        }

        _headersWritten = true;
        if (_savedHeaders is not null)
        {
            foreach (var (name, value) in _savedHeaders)
            {
                headers.Append(name, value);
            }
        }

        _pipeline.AddModuleHeaders(this, headers);
    }

    /// <summary>Sends <paramref name="body"/> with the given content type and status.</summary>
    public Task RenderAsync(ReadOnlyMemory<byte> body, string contentType, int statusCode = StatusCodes.Status200OK)
    {
        StartResponse(statusCode, contentType, body.Length);
        // No cancellation token: Kestrel fails the write itself when the client is gone, and asking for
        // RequestAborted costs every request a token source.
        return body.IsEmpty ? Task.CompletedTask : Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Sends text, UTF-8 encoded.</summary>
    public Task RenderAsync(string body, string contentType = "text/html; charset=utf-8", int statusCode = StatusCodes.Status200OK) =>
        RenderAsync(Encoding.UTF8.GetBytes(body), contentType, statusCode);

    /// <summary>Sends a page.</summary>
    public Task RenderAsync(Page page, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(page);
        return RenderAsync(page.Body, page.ContentType, statusCode);
    }

    /// <summary>Builds a page from a template: its fields' <c>$names</c> are filled from <paramref name="values"/>.</summary>
    public Page PageFromTemplate(string template, IReadOnlyDictionary<string, string?>? values = null) => _pipeline.Templates.Render(template, values);

    /// <summary>Sends a page built from a template.</summary>
    public Task RenderTemplateAsync(string template, IReadOnlyDictionary<string, string?>? values = null, int statusCode = StatusCodes.Status200OK) =>
        RenderAsync(PageFromTemplate(template, values), statusCode);

    /// <summary>Sends a value as JSON.</summary>
    public Task SendJsonAsync(object? value, int statusCode = StatusCodes.Status200OK) =>
        RenderAsync(JsonSerializer.SerializeToUtf8Bytes(value, _pipeline.JsonOptions), "application/json; charset=utf-8", statusCode);

    /// <summary>Sends the parameters saved with <see cref="SaveParam"/> as a JSON object.</summary>
    public Task SendSavedParamsAsync(int statusCode = StatusCodes.Status200OK) =>
        SendJsonAsync(_savedParams ?? new Dictionary<string, object?>(), statusCode);

    /// <summary>Sends a response with no body (default 204).</summary>
    public Task SendEmptyAsync(int statusCode = StatusCodes.Status204NoContent)
    {
        StartResponse(statusCode, contentLength: statusCode is 204 or 304 ? null : 0);
        return Task.CompletedTask;
    }

    /// <summary>Sends an error: the status and a one-line plain-text reason.</summary>
    public Task SendErrorAsync(int statusCode, string? message = null, string? explanation = null)
    {
        message ??= ReasonPhrases.GetReasonPhrase(statusCode);
        var line = explanation is null ? message : $"{message}: {explanation}";
        return RenderAsync(Encoding.UTF8.GetBytes(line + "\n"), "text/plain; charset=utf-8", statusCode);
    }

    /// <summary>Sends a module's refusal: its status and one-line reason.</summary>
    internal Task SendDenialAsync(Denial denial) => SendErrorAsync(denial.StatusCode, denial.Message, denial.Explanation);

    /// <summary>Replaces whatever the request had prepared with a bare 500 (the modules' headers, none saved for the
    /// request); the client learns nothing of the failure.</summary>
    internal Task SendInternalErrorAsync()
    {
        _started = false;
        _headersWritten = false;
        _savedHeaders = null;
        Response.Clear();
        return RenderAsync(Encoding.UTF8.GetBytes(MixPipeline.InternalError), "text/plain; charset=utf-8", StatusCodes.Status500InternalServerError);
    }

    /// <summary>A bare 500 without any module's headers: for when a module's header hook is what failed.</summary>
    internal Task SendBareInternalErrorAsync()
    {
        _headersWritten = true;
        Response.Clear();
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync(MixPipeline.InternalError);
    }

    /// <summary>
    /// Redirects to <paramref name="location"/>, or else to the <c>goto</c> parameter; with neither, sends an empty 200.
    /// An address with control characters is refused with 400; non-ASCII text is sent percent-encoded as UTF-8.
    /// </summary>
    public Task RedirectAsync(string? location = null, int statusCode = StatusCodes.Status302Found)
    {
        location ??= GetParam("goto");
        if (string.IsNullOrEmpty(location))
        {
            return SendEmptyAsync(StatusCodes.Status200OK);
        }

        if (HttpSyntax.HasControlCharacters(location))
        {
            return SendErrorAsync(StatusCodes.Status400BadRequest, "Bad Request", "the redirect address contains control characters");
        }

        HttpContext.Response.Headers.Location = HttpSyntax.EscapeNonAscii(location);
        return SendEmptyAsync(statusCode);
    }

    /// <summary>Sends a file with its content type, length, Last-Modified and ETag, honouring conditional and
    /// range requests; <c>Content-Disposition</c> names the file, as an attachment when asked. 404 when there is no
    /// such file (or it is a directory); 403 when it cannot be read or is not a regular file (a FIFO, socket or device
    /// is never opened).</summary>
    public Task SendFileAsync(string path, bool attachment = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stat = FileStat.Of(path);
        if (stat.Kind != FileKind.Regular)
        {
            return FileSender.RefuseAsync(this, stat.Kind);
        }

        FileSnapshot file;
        try
        {
            file = FileSnapshot.Load(System.IO.Path.GetFullPath(path), stat, _pipeline.ContentTypes, keepUpTo: 0);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return FileSender.SendUnreadableAsync(this);
        }

        return FileSender.SendAsync(this, file, DispositionHeader.Format(System.IO.Path.GetFileName(path), attachment));
    }

    /// <summary>Sends bytes as a file download named <paramref name="fileName"/>.</summary>
    public Task SendDownloadAsync(ReadOnlyMemory<byte> data, string fileName, string contentType = "application/octet-stream")
    {
        SaveHeader(HeaderNames.ContentDisposition, DispositionHeader.Format(fileName, attachment: true));
        return RenderAsync(data, contentType);
    }

    /// <summary>Starts a server-sent events stream (text/event-stream).</summary>
    public async Task<ServerSentEvents> BeginEventStreamAsync()
    {
        HttpContext.Response.Headers.CacheControl = "no-cache";
        StartResponse(StatusCodes.Status200OK, "text/event-stream; charset=utf-8");
        await Response.Body.FlushAsync(Aborted);
        return new ServerSentEvents(Response.Body, Aborted);
    }

    private void EnsureBodyRead()
    {
        if (_body is null)
        {
            throw new InvalidOperationException("The request body has not been read: await ReadBodyAsync() before asking for parameters (the server reads it before an endpoint's handler runs).");
        }
    }

    private static string[] SplitList(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
