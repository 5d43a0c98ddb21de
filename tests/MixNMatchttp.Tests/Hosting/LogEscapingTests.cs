using MixNMatchttp.Caching;
using MixNMatchttp.PathPolicies;
using MixNMatchttp.Redirects;

namespace MixNMatchttp.Tests.Hosting;

/// <summary>Request data that reaches a log line never carries control characters to the console or a log file:
/// they are written as <c>\xNN</c>.</summary>
public sealed class LogEscapingTests
{
    private const string Esc = "\u001b";

    [Fact]
    public async Task FailingHandler_WithAnEscInTheTarget_LogsTheTargetEscaped()
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["boom"] = new() },
            map => map.Get("boom", _ => throw new InvalidOperationException("boom"))));

        Assert.Equal(500, (await host.GetRawAsync($"/boom?{Esc}[2J{Esc}]0;owned\u0007")).Status);

        AssertLogged(host, @"Unhandled exception while answering GET /boom?\x1b[2J\x1b]0;owned\x07");
    }

    [Fact]
    public async Task RefusedRedirect_WithAnEscInTheTarget_LogsTheTargetEscaped()
    {
        await using var host = await TestHost.StartAsync(new GotoRedirect());

        Assert.Equal(400, (await host.GetRawAsync($"/goto/http://h.example/?{Esc}[31m")).Status);

        AssertLogged(host, @"Refused to redirect GET /goto/http://h.example/?\x1b[31m");
    }

    [Fact]
    public async Task DeniedPath_WithAPercentEncodedC1Control_LogsThePathEscaped()
    {
        await using var host = await TestHost.StartAsync(new DenyPaths(new DenyPathsOptions { Patterns = ["/secret"] }));

        Assert.Equal(404, (await host.GetRawAsync("/secret/%C2%9B31m")).Status);

        AssertLogged(host, @"Denied GET /secret/\x9b31m");
    }

    [Fact]
    public async Task SavedPage_WithAPercentEncodedC1ControlInItsName_LogsTheNameEscaped()
    {
        await using var host = await TestHost.StartAsync(new PageCache());

        var response = await host.RawAsync("POST", "/cache/%C2%9B2J", "Content-Type: application/x-www-form-urlencoded\r\n", "data=x");

        Assert.Equal(204, response.Status);
        AssertLogged(host, @"Saved page \x9b2J: 1 bytes of text/plain");
    }

    /// <summary>A line of the server and its modules starts with <paramref name="expected"/>, and none holds a control
    /// character. (ASP.NET Core's own request lines, at Information level, are filtered out by default.)</summary>
    private static void AssertLogged(TestHost host, string expected)
    {
        var messages = host.Log.Entries.Where(entry => entry.Category.StartsWith("MixNMatchttp", StringComparison.Ordinal)).Select(entry => entry.Message).ToList();
        Assert.True(messages.Any(message => message.StartsWith(expected, StringComparison.Ordinal)), string.Join("\n", messages));
        Assert.All(messages, message => Assert.DoesNotContain(message, char.IsControl));
    }
}
