using MixNMatchttp.Capture;

namespace MixNMatchttp.Tests.Endpoints;

[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

/// <summary>Measures what the process allocates while large bodies are refused: alone, so that no other test's
/// allocations are counted.</summary>
[Collection(nameof(AllocationMeasurement))]
public sealed class UnreadBodyMemoryTests
{
    private const int BodySize = 16 << 20;
    private const int Requests = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the request capture observes every request: it reads the start of the body, never all of it
    public async Task SixteenMegabyteBodies_ToADeniedPath_AreNeverBuffered(bool withCapture)
    {
        var denier = new TestModule(new()) { Deny = _ => new(new Denial(401)) };
        var capture = new RequestCapture(new RequestCaptureOptions { MaxBodyBytes = 1024, ServeEndpoints = false });
        var options = new MixServerOptions { MaxRequestBodySize = 32 << 20 };
        await using var host = withCapture ? await TestHost.StartAsync(options, capture, denier) : await TestHost.StartAsync(options, denier);
        var body = new byte[BodySize];
        await SendAsync(host, body); // warm up the connection pool and the JIT

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++)
        {
            await SendAsync(host, body);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 2 * BodySize, $"{Requests} refused {BodySize}-byte bodies allocated {allocated} bytes");
        if (withCapture)
        {
            var captured = capture.Requests[^1];
            Assert.Equal(1024, captured.Body.Length);
            Assert.Equal(BodySize, captured.BodyLength);
        }
    }

    private static async Task SendAsync(TestHost host, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await host.Client.PostAsync("/anything", content);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
