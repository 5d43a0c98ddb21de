using System.Text;
using MixNMatchttp.Files;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

/// <summary>
/// A server with an access log first (its console lines in memory), a fixed clock, endpoints <c>/hello</c> (GET, POST:
/// "hello"), <c>/piped</c> (7 bytes through the pipe writer and the stream, chunked) and <c>/fail</c> (throws), and
/// static files from a temporary folder: <c>file.txt</c> (100 bytes, kept in memory) and <c>big/file.bin</c> (300 KiB,
/// sent from disk).
/// </summary>
internal sealed class AccessLogHost : IAsyncDisposable
{
    public const string Time = "[02/Jan/2030:03:04:05 +0000]";
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly MemoryStream _console;
    private readonly TempDirectory _root;
    private bool _stopped;

    private AccessLogHost(TestHost host, MemoryStream console, TempDirectory root)
    {
        Host = host;
        _console = console;
        _root = root;
    }

    public TestHost Host { get; }

    public string Root => _root.Path;

    /// <summary>Starts the server; <paramref name="options"/> may name files under the folder served
    /// (<paramref name="root"/>, default a new temporary one that the host deletes).</summary>
    public static async Task<AccessLogHost> StartAsync(AccessLogOptions? options = null, TempDirectory? root = null)
    {
        options ??= new AccessLogOptions { Colour = false };
        var console = new MemoryStream();
        options.ConsoleOutput = console;
        root ??= new TempDirectory();
        root.File("file.txt", new string('x', 100));
        root.File("big/file.bin", new byte[300 * 1024]);
        var serverOptions = new MixServerOptions { TimeProvider = new FixedClock(Now) };
        var endpoints = new TestModule(
            new()
            {
                ["hello"] = new() { AllowedMethods = ["GET", "POST"] },
                ["piped"] = new(),
                ["fail"] = new(),
            },
            map => map
                .Any("hello", c => new(c.RenderAsync("hello", "text/plain")))
                .Get("piped", PipedAsync)
                .Get("fail", _ => throw new InvalidOperationException("boom")));
        var host = await TestHost.StartAsync(serverOptions, new AccessLog(options), endpoints, new StaticFiles(new StaticFilesOptions { Root = root.Path, MemoryCacheMaxFileSize = 1024 }));
        return new AccessLogHost(host, console, root);
    }

    /// <summary>Stops the server (the access log writes every queued line) and returns the console's lines.</summary>
    public async Task<string[]> ConsoleLinesAsync()
    {
        await StopAsync();
        var text = Encoding.UTF8.GetString(_console.ToArray());
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "the output ends with a whole line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _root.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.DisposeAsync();
        }
    }

    private static async ValueTask PipedAsync(RequestContext context)
    {
        context.StartResponse(200, "text/plain");
        var writer = context.Response.BodyWriter;
        "abc"u8.CopyTo(writer.GetSpan(3));
        writer.Advance(3);
        await writer.FlushAsync();
        await context.Response.Body.WriteAsync("defg"u8.ToArray());
    }
}
