namespace MixNMatchttp.Cli.Tests;

/// <summary>
/// The command serving a temporary directory (holding hello.txt and whatever the test adds) on a free port
/// (<c>-p 0</c>), and a client for it that keeps cookies and does not follow redirects. Disposing stops the command
/// and deletes the directory.
/// </summary>
internal sealed class CliServer : IAsyncDisposable
{
    private CliServer(TempDirectory dir, CliProcess cli)
    {
        Dir = dir;
        Cli = cli;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cli.Url };
    }

    public TempDirectory Dir { get; }

    public CliProcess Cli { get; }

    public HttpClient Client { get; }

    public static Task<CliServer> StartAsync(params string[] args) => StartAsync(null, null, args);

    public static Task<CliServer> StartAsync(Action<TempDirectory> files, params string[] args) => StartAsync(files, null, args);

    /// <summary>Starts with <paramref name="config"/> (JSON) as the configuration file (<c>-c</c>).</summary>
    public static Task<CliServer> StartWithConfigAsync(string config, params string[] args) =>
        StartAsync(dir => dir.File("config.json", config), null, ["-c", "config.json", .. args]);

    public static async Task<CliServer> StartAsync(Action<TempDirectory>? files, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var dir = new TempDirectory();
        try
        {
            dir.File("hello.txt", "hello");
            files?.Invoke(dir);
            return new CliServer(dir, await CliProcess.StartAsync(dir.Path, null, environment, ["-p", "0", .. args]));
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/>, with an <c>Origin</c> and, for a preflight,
    /// <c>Access-Control-Request-Method</c> when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin = null, string? preflightMethod = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (preflightMethod is not null)
        {
            request.Headers.Add("Access-Control-Request-Method", preflightMethod);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>GET <paramref name="target"/> exactly as written (no client normalizing it), on a connection of its own.</summary>
    public Task<RawResponse> GetRawAsync(string target) =>
        RawHttp.SendAsync(Cli.Url.Port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    /// <summary>A response header's values joined with ", ", or null when absent.</summary>
    public static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cli.DisposeAsync();
        Dir.Dispose();
    }
}
