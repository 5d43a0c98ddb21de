using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.PathPolicies;

public sealed class NoCachePathsTests
{
    [Fact]
    public async Task MatchingPaths_GetTheNoCacheHeaders_OthersDoNot()
    {
        using var dir = new TempDirectory();
        dir.File("page.html", "<p>page</p>");
        dir.File("sub/deep.HTML", "<p>deep</p>");
        dir.File("app.js", "js");
        await using var host = await PolicyHost.StartAsync(dir.Path, new NoCachePaths(new NoCachePathsOptions { Patterns = ["*.html", "/admin"] }));
        foreach (var (target, noCache) in new[] { ("/page.html", true), ("/sub/deep.HTML", true), ("/app.js", false), ("/admin", true), ("/admin/extra", true), ("/missing.html", true), ("/missing.js", false) })
        {
            var response = await host.GetRawAsync(target);
            Assert.Equal(noCache ? "no-cache, no-store, must-revalidate" : null, response.Header("Cache-Control"));
            Assert.Equal(noCache ? "no-cache" : null, response.Header("Pragma"));
            Assert.Equal(noCache ? "0" : null, response.Header("Expires"));
        }
    }

    [Fact]
    public async Task CaseSensitive_OnlyMatchesTheSameCase()
    {
        using var dir = new TempDirectory();
        dir.File("a.html", "a");
        dir.File("b.HTML", "b");
        await using var host = await PolicyHost.StartAsync(dir.Path, new NoCachePaths(new NoCachePathsOptions { Patterns = ["*.html"], CaseSensitive = true }));
        Assert.Equal("no-cache", (await host.GetRawAsync("/a.html")).Header("Pragma"));
        Assert.Null((await host.GetRawAsync("/b.HTML")).Header("Pragma"));
    }

    [Fact]
    public void BadPattern_IsAStartupError() =>
        Assert.Contains(
            "NoCachePathsOptions.Patterns",
            Assert.Throws<MixConfigurationException>(() => PolicyHost.Build(new NoCachePaths(new NoCachePathsOptions { Patterns = ["/a/../b"] }))).Message,
            StringComparison.Ordinal);
}
