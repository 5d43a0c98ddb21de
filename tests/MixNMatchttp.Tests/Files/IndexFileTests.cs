using MixNMatchttp.Files;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Files;

/// <summary>StaticFilesOptions.IndexFile (the command's --index): a file name checked at start-up; a directory's index
/// answers exactly as a request for it would, so what denies or hides <c>/site/index.html</c> also covers
/// <c>/site/</c>.</summary>
public sealed class IndexFileTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b.html")]
    [InlineData("/index.html")]
    [InlineData("a\\b.html")]
    [InlineData("index\r\n.html")]
    public void BadIndexFile_IsAStartupError(string index)
    {
        using var dir = new TempDirectory();
        var server = MixServer.Create(new MixServerOptions { Port = 0 })
            .Add(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, IndexFile = index }));

        var error = Assert.Throws<MixConfigurationException>(() => server.Build());

        Assert.StartsWith("StaticFilesOptions.IndexFile must be a file name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("index.htm")]
    [InlineData("home page.html")]
    [InlineData("été.html")]
    [InlineData(".hidden")]
    public async Task IndexFileWithAnUnusualName_IsServed(string index)
    {
        using var dir = new TempDirectory();
        dir.File("site/" + index, "the index");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, indexFile: index);

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(200, response.Status);
        Assert.Equal("the index", response.Text);
    }

    [Theory]
    [InlineData("*.html", DeniedPathResponse.NotFound, 404)]
    [InlineData("/site/index.html", DeniedPathResponse.Forbidden, 403)]
    public async Task DeniedIndexFile_GivesItsDenialForTheDirectory(string pattern, DeniedPathResponse answer, int status)
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", "TOP-SECRET index");
        await using var host = await TestHost.StartAsync(
            new DenyPaths(new DenyPathsOptions { Patterns = [pattern], Response = answer }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, DirectoryListing = true }));

        var directory = await host.GetRawAsync("/site/");
        var direct = await host.GetRawAsync("/site/index.html");

        Assert.Equal(status, directory.Status);
        Assert.Equal(status, direct.Status);
        Assert.DoesNotContain("TOP-SECRET", directory.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexFileLinkedToADeniedPath_IsRefusedForTheDirectory()
    {
        using var dir = new TempDirectory();
        var secret = dir.File("secret/page.html", "TOP-SECRET page");
        Directory.CreateDirectory(Path.Join(dir.Path, "site"));
        File.CreateSymbolicLink(Path.Join(dir.Path, "site", "index.html"), secret);
        await using var host = await TestHost.StartAsync(
            new DenyPaths(new DenyPathsOptions { Patterns = ["/secret"] }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path }));

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("TOP-SECRET", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateIndexFile_Is404ForTheDirectory()
    {
        using var dir = new TempDirectory();
        var index = dir.File("site/index.html", "TOP-SECRET");
        await using var host = await TestHost.StartAsync(
            new KeepsPrivate(index),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, DirectoryListing = true }));

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("TOP-SECRET", response.Text, StringComparison.Ordinal);
    }
}
