using System.Text;
using MixNMatchttp.Files;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Files;

/// <summary>StaticFilesOptions.SpaFallback: a GET or HEAD of a path that does not exist and whose last segment has no
/// '.' gets the fallback page with 200 and no-cache; everything else keeps its answer.</summary>
public sealed class SpaFallbackTests
{
    private const string App = "<!DOCTYPE html><title>app</title><div id=root></div>";

    [Theory]
    [InlineData("/users")]
    [InlineData("/users/42")]
    [InlineData("/users/42/")]
    [InlineData("/missing/deeper/route")]
    [InlineData("/v1.2/settings")]
    [InlineData("/%C3%A9t%C3%A9")]
    [InlineData("/a%20b")]
    [InlineData("/users?tab=1")]
    [InlineData("/file.txt/more")]
    public async Task ClientRoute_GetsTheFallbackPage(string target)
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);

        var response = await host.GetRawAsync(target);

        Assert.Equal(200, response.Status);
        Assert.Equal(App, response.Text);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("no-cache", response.Header("Cache-Control"));
        Assert.Equal("inline; filename=\"index.html\"", response.Header("Content-Disposition"));
        Assert.NotNull(response.Header("ETag"));
    }

    [Fact]
    public async Task Head_GetsTheHeadersOfGet()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);

        var get = await host.GetRawAsync("/route");
        var head = await host.RawAsync("HEAD", "/route");

        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal(
            get.Headers.Where(h => h.Key != "Date").Select(h => $"{h.Key}: {h.Value}"),
            head.Headers.Where(h => h.Key != "Date").Select(h => $"{h.Key}: {h.Value}"));
    }

    [Fact]
    public async Task FallbackPage_AnswersIfNoneMatchWith304()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);
        var etag = (await host.GetRawAsync("/route")).Header("ETag");

        var response = await host.RawAsync("GET", "/other/route", $"If-None-Match: {etag}\r\n");

        Assert.Equal(304, response.Status);
        Assert.Equal("no-cache", response.Header("Cache-Control"));
    }

    [Theory]
    [InlineData("/missing.js")]
    [InlineData("/assets/missing.css")]
    [InlineData("/.env")]
    [InlineData("/users/john.doe")]
    [InlineData("/file.")]
    public async Task MissingPathWithAnExtension_Keeps404(string target)
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);

        var response = await host.GetRawAsync(target);

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("app", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets", 301)]
    [InlineData("/empty/", 403)]
    [InlineData("/file.txt", 200)]
    [InlineData("/", 200)]
    public async Task ExistingPaths_KeepTheirAnswer(string target, int status)
    {
        using var dir = Site();
        Directory.CreateDirectory(Path.Join(dir.Path, "empty"));
        await using var host = await StartAsync(dir);

        var response = await host.GetRawAsync(target);

        Assert.Equal(status, response.Status);
        Assert.Null(response.Header("Cache-Control"));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("get")]
    public async Task OtherMethods_Get405(string method)
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);

        var response = await host.RawAsync(method, "/route");

        Assert.Equal(405, response.Status);
    }

    [Fact]
    public async Task DeniedPath_KeepsItsDenial()
    {
        using var dir = Site();
        await using var host = await TestHost.StartAsync(
            new DenyPaths(new DenyPathsOptions { Patterns = ["/admin"] }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "index.html" }));

        var response = await host.GetRawAsync("/admin/route");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("app", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeniedPathResponse.NotFound, 404)]
    [InlineData(DeniedPathResponse.Forbidden, 403)]
    public async Task FallbackFileThatIsDenied_GivesItsDenial(DeniedPathResponse answer, int status)
    {
        using var dir = Site();
        await using var host = await TestHost.StartAsync(
            new DenyPaths(new DenyPathsOptions { Patterns = ["*.html"], Response = answer }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "/index.html" }));

        var response = await host.GetRawAsync("/route");

        Assert.Equal(status, response.Status);
        Assert.DoesNotContain("app", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateFallbackFile_Is404()
    {
        using var dir = Site();
        await using var host = await TestHost.StartAsync(
            new KeepsPrivate(Path.Join(dir.Path, "index.html")),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "index.html" }));

        var response = await host.GetRawAsync("/route");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("app", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FallbackFileRemovedAfterTheStart_Gives404()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir);
        File.Delete(Path.Join(dir.Path, "index.html"));

        var response = await host.GetRawAsync("/route");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task FallbackInASubdirectory_IsSent()
    {
        using var dir = Site();
        dir.File("app/shell.html", "shell");
        await using var host = await TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "app/shell.html" }));

        var response = await host.GetRawAsync("/route");

        Assert.Equal("shell", response.Text);
        Assert.Equal("inline; filename=\"shell.html\"", response.Header("Content-Disposition"));
    }

    [Fact]
    public async Task NoCachePaths_StillWin()
    {
        using var dir = Site();
        await using var host = await TestHost.StartAsync(
            new NoCachePaths(new NoCachePathsOptions { Patterns = ["/route"] }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "index.html" }));

        var response = await host.GetRawAsync("/route");

        Assert.Equal(App, response.Text);
        Assert.Equal("no-cache, no-store, must-revalidate", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task FallbackPage_IsCompressedLikeAnyFile()
    {
        using var dir = new TempDirectory();
        var page = string.Concat(Enumerable.Repeat("<p>single page application</p>\n", 100));
        dir.File("index.html", page);
        await using var host = await TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "index.html", Compression = true }));

        var response = await host.RawAsync("GET", "/route", "Accept-Encoding: gzip\r\n");

        Assert.Equal("gzip", response.Header("Content-Encoding"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        Assert.Equal(page, Encoding.UTF8.GetString(CompressionTests.Decompress("gzip", response.Body)));
    }

    [Fact]
    public async Task FallbackFileLinkingOutOfTheRoot_IsRefusedAsARequestForItWouldBe()
    {
        using var temp = new TempDirectory();
        temp.File("outside.html", "TOP-SECRET");
        temp.File("root/index.html", App);
        await using var host = await TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = Path.Join(temp.Path, "root"), SpaFallback = "index.html" }));
        File.Delete(Path.Join(temp.Path, "root", "index.html"));
        File.CreateSymbolicLink(Path.Join(temp.Path, "root", "index.html"), Path.Join(temp.Path, "outside.html"));

        var response = await host.GetRawAsync("/route");

        Assert.Equal(403, response.Status);
        Assert.Equal("Forbidden: the path leads outside the document root\n", response.Text);
    }

    [Theory]
    [InlineData("missing.html", "is not a file inside the document root")]
    [InlineData("assets", "is not a file inside the document root")]
    [InlineData("outside.html", "is not a file inside the document root")]
    [InlineData("", "must name a file under the document root")]
    [InlineData("/", "must name a file under the document root")]
    [InlineData("../index.html", "must name a file under the document root")]
    [InlineData("./index.html", "must name a file under the document root")]
    [InlineData("assets//index.html", "must name a file under the document root")]
    [InlineData("a\\b.html", "must name a file under the document root")]
    [InlineData("index\n.html", "must name a file under the document root")]
    public void BadFallback_IsAStartupError(string fallback, string problem)
    {
        using var temp = new TempDirectory();
        temp.File("root/index.html", App);
        Directory.CreateDirectory(Path.Join(temp.Path, "root", "assets"));
        File.CreateSymbolicLink(Path.Join(temp.Path, "root", "outside.html"), temp.File("outside.html", "x"));
        var server = MixServer.Create(new MixServerOptions { Port = 0 })
            .Add(StaticFilesHost.Create(new StaticFilesOptions { Root = Path.Join(temp.Path, "root"), SpaFallback = fallback }));

        var error = Assert.Throws<MixConfigurationException>(() => server.Build());

        Assert.StartsWith("StaticFilesOptions.SpaFallback", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A site with index.html, a file and an assets directory.</summary>
    private static TempDirectory Site()
    {
        var dir = new TempDirectory();
        dir.File("index.html", App);
        dir.File("file.txt", "a file");
        dir.File("assets/app.js", "js");
        return dir;
    }

    private static Task<TestHost> StartAsync(TempDirectory dir) =>
        TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, SpaFallback = "index.html" }));
}
