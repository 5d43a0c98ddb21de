using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Testing;

/// <summary>A real server on 127.0.0.1 with a free port, an HttpClient for it, and raw-request access.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private readonly MixApp _app;

    private TestHost(MixApp app, Uri baseAddress, TestLog log)
    {
        _app = app;
        BaseAddress = baseAddress;
        Log = log;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the server logged.</summary>
    public TestLog Log { get; }

    public int Port => BaseAddress.Port;

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with the given modules on a free loopback port.</summary>
    public static Task<TestHost> StartAsync(params MixModule[] modules) => StartAsync(new MixServerOptions(), modules);

    public static async Task<TestHost> StartAsync(MixServerOptions options, params MixModule[] modules)
    {
        var server = MixServer.Create(options);
        foreach (var module in modules)
        {
            server.Add(module);
        }

        return await StartAsync(server);
    }

    public static async Task<TestHost> StartAsync(MixServer server)
    {
        var log = new TestLog();
        server.Options.Address = "127.0.0.1";
        server.Options.Port = 0;
        server.Options.ConfigureLogging ??= logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug);
        var app = server.Build();
        await app.StartAsync();
        return new TestHost(app, new Uri(app.Urls[0]), log);
    }

    /// <summary>Sends <paramref name="target"/> exactly as given (HttpClient would normalise it).</summary>
    public Task<RawResponse> RawAsync(string method, string target, string? headers = null, string? body = null) =>
        RawHttp.SendAsync(Port, $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{Port}\r\nConnection: close\r\n{headers}"
            + (body is null ? "\r\n" : $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));

    public Task<RawResponse> GetRawAsync(string target) => RawAsync("GET", target);

    /// <summary>Stops the server gracefully: in-flight requests finish.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
