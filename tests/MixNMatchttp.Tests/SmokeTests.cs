using System.Net;

namespace MixNMatchttp.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task ServerOnFreePort_AnswersAnEndpoint()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["ping"] = new() }, map => map.Get("ping", c => new(c.RenderAsync("pong", "text/plain")))));
        var response = await host.Client.GetAsync("/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        var raw = await host.GetRawAsync("/ping");
        Assert.Equal(200, raw.Status);
    }
}
