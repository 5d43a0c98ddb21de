using System.Buffers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Primitives;

namespace MixNMatchttp.Logging;

/// <summary>
/// Writes one line per request in the Combined Log Format to the standard output and/or a file:
/// <c>127.0.0.1 - - [01/Dec/2026:21:33:37 +0000] "GET /a?token=*** HTTP/1.1" 200 1024 "-" "curl/8.5.0"</c>
/// (client address, the time the request began, the request line as received, status, response body bytes or
/// <c>-</c>, Referer, User-Agent). Every field is escaped so that a client cannot split or forge a line, and secret
/// query values are hidden unless <see cref="AccessLogOptions.LogSecrets"/>.
/// <para>It writes from the Observe hook, so it sees every request the server answered, refused or failed, after the
/// answer. The line is formatted on the request's thread into a pooled buffer and written by a background writer, so a
/// request never waits for the disk or the terminal (unless they fall 4096 lines behind: then it waits, and no line
/// is lost). The body bytes are counted by a thin wrapper over the response body, installed only when this module is
/// in the server; a HEAD request, 1xx, 204 and 304 answers have none.</para>
/// <code>
/// MixServer.Create().Add(new AccessLog(new AccessLogOptions { File = "logs/access.log" })).Add(new StaticFiles()).Build();
/// </code>
/// </summary>
public sealed class AccessLog : MixModule
{
    private readonly AccessLogOptions _options;
    private bool _console;
    private bool? _colourSetting;
    private string? _filePath;
    private LogRotation _rotation = new();
    private bool _logSecrets;
    private Stream? _consoleOutput;
    private bool _colour;
    private LineWriter? _consoleLog;
    private LogFile? _fileLog;

    /// <summary>Creates the module; <paramref name="options"/> default to the standard output only.</summary>
    public AccessLog(AccessLogOptions? options = null)
    {
        _options = options ?? new AccessLogOptions();
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        _console = options.Console;
        _colourSetting = options.Colour;
        _filePath = options.File;
        _rotation = (options.Rotation ?? new LogRotation()).Copy();
        _logSecrets = options.LogSecrets;
        _consoleOutput = options.ConsoleOutput;
        if (!_console && _filePath is null)
        {
            configuration.Problem("AccessLogOptions: Console is off and File is not set, so the access log would go nowhere.");
        }

        if (_rotation.Problem("AccessLogOptions.Rotation") is { } problem)
        {
            configuration.Problem(problem);
        }

        if (_filePath is not null)
        {
            if (string.IsNullOrWhiteSpace(_filePath))
            {
                configuration.Problem("AccessLogOptions.File cannot be empty: give a path or null.");
                return;
            }

            configuration.KeepPrivate(_filePath);
            foreach (var oldFile in _rotation.OldFiles(_filePath))
            {
                configuration.KeepPrivate(oldFile);
            }
        }
    }

    public override void ConfigureServices(IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, CountResponseBytes>());

    public override ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.Logger;
        if (_filePath is not null)
        {
            _fileLog = LogFile.Open("AccessLogOptions.File", _filePath, _rotation, logger, context.TimeProvider);
        }

        if (_console)
        {
            _consoleLog = new LineWriter(new StreamSink(_consoleOutput ?? System.Console.OpenStandardOutput(), "the standard output"), logger);
            _colour = _colourSetting ?? (!System.Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
        }

        var sinks = new List<string>(2);
        if (_consoleLog is not null)
        {
            sinks.Add(_colour ? "the standard output (coloured)" : "the standard output");
        }

        if (_fileLog is not null)
        {
            sinks.Add(_fileLog.Path);
        }

        logger.AccessLogReady(string.Join(" and ", sinks) + (_logSecrets ? ", secrets shown" : string.Empty));
        return default;
    }

    public override async ValueTask ObserveAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = Format(context);
        var file = _fileLog;
        if (_consoleLog is { } console)
        {
            if (file is null && !_colour)
            {
                await console.WriteAsync(text.Array, text.Length);
                return;
            }

            var (line, length) = AccessLogLine.ForConsole(text, _colour);
            if (file is null)
            {
                ArrayPool<byte>.Shared.Return(text.Array);
            }

            await console.WriteAsync(line, length);
        }

        if (file is not null)
        {
            await file.WriteLineAsync(text.Array, text.Length);
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_consoleLog is not null)
        {
            await _consoleLog.DisposeAsync();
        }

        if (_fileLog is not null)
        {
            await _fileLog.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }

    private AccessLogText Format(RequestContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var counter = http.Features.Get<IHttpResponseBodyFeature>() as ResponseCounter;
        var status = http.Response.StatusCode;
        var hasBody = !context.IsMethod(HttpMethods.Head) && status >= 200 && status is not (204 or 304);
        var bytes = hasBody ? counter?.Bytes ?? http.Response.ContentLength ?? 0 : 0;
        var headers = request.Headers;
        return AccessLogLine.Format(
            new AccessLogRequest(
                http.Connection.RemoteIpAddress,
                counter?.Started ?? Context.TimeProvider.GetUtcNow(),
                request.Method,
                context.RawTarget,
                request.Protocol,
                status,
                bytes,
                Value(headers.Referer),
                Value(headers.UserAgent)),
            _logSecrets);
    }

    private static string? Value(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => values.ToString(),
    };
}
