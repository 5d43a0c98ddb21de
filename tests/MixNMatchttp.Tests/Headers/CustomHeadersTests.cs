using MixNMatchttp.Headers;
using MixNMatchttp.Tests.PathPolicies;

namespace MixNMatchttp.Tests.Headers;

public sealed class CustomHeadersTests
{
    [Fact]
    public async Task Headers_AreSentWithEveryResponse_FilesEndpointsAndErrors()
    {
        using var dir = new TempDirectory();
        dir.File("a.txt", "file");
        await using var host = await PolicyHost.StartAsync(dir.Path, new CustomHeaders(new CustomHeadersOptions { Headers = ["X-Frame-Options: DENY", "X-Lab:  spaced value  "] }));
        foreach (var (target, status) in new[] { ("/a.txt", 200), ("/admin", 200), ("/missing", 404), ("/admin/extra", 400) })
        {
            var response = await host.GetRawAsync(target);
            Assert.Equal(status, response.Status);
            Assert.Equal(["DENY"], response.HeaderValues("X-Frame-Options"));
            Assert.Equal(["spaced value"], response.HeaderValues("X-Lab"));
        }
    }

    [Fact]
    public async Task RepeatedNames_AreAllSent_InOrder_AfterTheHandlersSavedHeaders()
    {
        var options = new CustomHeadersOptions { Headers = ["Set-Cookie: a=1", "X-Order: custom"] }.Add("Set-Cookie", "b=2");
        await using var host = await TestHost.StartAsync(
            new CustomHeaders(options),
            new TestModule(new() { ["h"] = new() }, map => map.Get("h", c =>
            {
                c.SaveHeader("X-Order", "saved");
                return new(c.RenderAsync("h", "text/plain"));
            })));
        var response = await host.GetRawAsync("/h");
        Assert.Equal(["a=1", "b=2"], response.HeaderValues("Set-Cookie"));
        Assert.Equal(["saved", "custom"], response.HeaderValues("X-Order"));
    }

    [Fact]
    public void ParsedHeaders_AreExposedAfterStart()
    {
        var module = new CustomHeaders(new CustomHeadersOptions { Headers = ["X-A:1", "X-B: two words"] });
        PolicyHost.Build(module);
        Assert.Equal([new("X-A", "1"), new("X-B", "two words")], module.Headers);
    }

    [Theory]
    [InlineData("No colon here", "'No colon here' is not a header")]
    [InlineData(": value", "': value' does not start with a header name")]
    [InlineData("Bad Name: value", "'Bad Name: value' does not start with a header name")]
    [InlineData("X-Split: a\r\nInjected: b", "the value of the header X-Split contains a line break")]
    [InlineData("X-Nul: a\0b", "the value of the header X-Nul contains")]
    [InlineData("X-Text: café", "the value of the header X-Text contains")]
    [InlineData("X-Empty:  ", "the header X-Empty has no value")]
    [InlineData("Content-Length: 5", "Content-Length frames the response")]
    [InlineData("transfer-encoding: chunked", "transfer-encoding frames the response")]
    public void MalformedHeader_IsAStartupErrorNamingIt(string header, string message)
    {
        var error = Assert.Throws<MixConfigurationException>(() => PolicyHost.Build(new CustomHeaders(new CustomHeadersOptions { Headers = [header] })));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
