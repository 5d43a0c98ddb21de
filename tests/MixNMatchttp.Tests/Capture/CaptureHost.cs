using System.Text.Json;
using MixNMatchttp.Capture;

namespace MixNMatchttp.Tests.Capture;

/// <summary>A server with the request capture first, a fixed clock, and an endpoint <c>/hello</c> (GET, POST).</summary>
internal static class CaptureHost
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static Task<TestHost> StartAsync(RequestCapture capture, MixServerOptions? options = null)
    {
        options ??= new MixServerOptions();
        options.TimeProvider = new FixedClock(Now);
        return TestHost.StartAsync(
            options,
            capture,
            new TestModule(new() { ["hello"] = new() { AllowedMethods = ["GET", "POST"] } }, map => map.Any("hello", c => new(c.RenderAsync("hello", "text/plain")))));
    }

    /// <summary>The captured requests as <c>GET /requests</c> lists them.</summary>
    public static async Task<JsonElement[]> ListAsync(TestHost host, string path = "/requests")
    {
        var json = await host.Client.GetStringAsync(path);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(item => item.Clone())];
    }

    /// <summary>Waits (5 s at most) until <paramref name="count"/> requests are captured: the capture records a request
    /// after its answer has been sent, so a client may read the answer first.</summary>
    public static async Task CapturedAsync(RequestCapture capture, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (capture.Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    public static void Build(RequestCapture capture) =>
        MixServer.Create(new MixServerOptions { Port = 0, ConfigureLogging = _ => { } }).Add(capture).Build();
}
