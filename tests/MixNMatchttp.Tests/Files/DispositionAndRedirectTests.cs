using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Files;

/// <summary>File responses name the file in <c>Content-Disposition</c> (RFC 6266: a quoted ASCII <c>filename</c>, plus
/// <c>filename*</c> when the name needs more), static files and <c>SendFileAsync</c> alike; a directory requested
/// without its trailing slash redirects to its absolute path, the server's PathPrefix and the query kept.</summary>
public sealed class DispositionAndRedirectTests
{
    public static TheoryData<string, string> Names => new()
    {
        { "page.html", "inline; filename=\"page.html\"" },
        { "a b.txt", "inline; filename=\"a b.txt\"" },
        { "semi;colon.txt", "inline; filename=\"semi;colon.txt\"" },
        { "100%.txt", "inline; filename=\"100_.txt\"; filename*=UTF-8''100%25.txt" },
        { "quote\"apos'.txt", "inline; filename=\"quote_apos'.txt\"; filename*=UTF-8''quote%22apos%27.txt" },
        { "é ü.txt", "inline; filename=\"_ _.txt\"; filename*=UTF-8''%C3%A9%20%C3%BC.txt" },
        { "日本語.txt", "inline; filename=\"___.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task StaticFile_IsInlineWithItsName_EncodedForTheHeader(string name, string disposition)
    {
        using var dir = new TempDirectory();
        dir.File(name, "content");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var get = await host.GetRawAsync("/" + Uri.EscapeDataString(name));
        var head = await host.RawAsync("HEAD", "/" + Uri.EscapeDataString(name));

        Assert.Equal(200, get.Status);
        Assert.Equal(disposition, get.Header("Content-Disposition"));
        Assert.Equal(disposition, head.Header("Content-Disposition"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task SendFile_NamesTheFileAsStaticFilesDo(string name, string disposition)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name, "content");
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["h"] = new() }, map => map.Get("h", c => new(c.SendFileAsync(path)))));

        var response = await host.GetRawAsync("/h");

        Assert.Equal(200, response.Status);
        Assert.Equal(disposition, response.Header("Content-Disposition"));
    }

    [Theory]
    [InlineData("line\nbreak.txt", "inline; filename=\"line_break.txt\"; filename*=UTF-8''line%0Abreak.txt")]
    [InlineData("carriage\rreturn.txt", "inline; filename=\"carriage_return.txt\"; filename*=UTF-8''carriage%0Dreturn.txt")]
    [InlineData("back\\slash.txt", "inline; filename=\"back_slash.txt\"; filename*=UTF-8''back%5Cslash.txt")]
    public async Task SendFile_OfANameWithControlCharactersOrBackslashes_EncodesThemAndSplitsNothing(string name, string disposition)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name, "content");
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["h"] = new() }, map => map.Get("h", c => new(c.SendFileAsync(path)))));

        var response = await host.GetRawAsync("/h");

        Assert.Equal(200, response.Status);
        Assert.Equal(disposition, response.Header("Content-Disposition"));
        Assert.Equal("content", response.Text);
    }

    [Fact]
    public async Task StaticFileWithAnAttachmentExtension_IsAnAttachment_AndAnIndexFileIsNamedAsSuch()
    {
        using var dir = new TempDirectory();
        dir.File("report.pdf", "pdf");
        dir.File("site/index.html", "index");
        await using var host = await TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, AttachmentExtensions = [".pdf"] }));

        Assert.Equal("attachment; filename=\"report.pdf\"", (await host.GetRawAsync("/report.pdf")).Header("Content-Disposition"));
        Assert.Equal("inline; filename=\"index.html\"", (await host.GetRawAsync("/site/")).Header("Content-Disposition"));
    }

    [Theory]
    [InlineData("/docs", "/docs/")]
    [InlineData("/docs/nested", "/docs/nested/")]
    [InlineData("/docs?x=1&y=%20", "/docs/?x=1&y=%20")]
    [InlineData("/docs/./nested", "/docs/nested/")]
    [InlineData("/my%20dir", "/my%20dir/")]
    [InlineData("/100%25", "/100%25/")]
    [InlineData("/%C3%A9", "/%C3%A9/")]
    [InlineData("/q%22uote", "/q%22uote/")]
    [InlineData("/a%23b", "/a%23b/")]
    [InlineData("/a%3Fb", "/a%3Fb/")]
    [InlineData("/docs?a=%0d%0aSet-Cookie:x", "/docs/?a=%0d%0aSet-Cookie:x")]
    public async Task DirectoryWithoutTrailingSlash_RedirectsToItsAbsolutePath_EncodedAndServed(string target, string location)
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "docs", "docs/nested", "my dir", "100%", "é", "q\"uote", "a#b", "a?b" })
        {
            dir.File(name + "/index.html", "index of " + name);
        }

        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync(target);
        var followed = await host.GetRawAsync(location);

        Assert.Equal(301, response.Status);
        Assert.Equal(location, response.Header("Location"));
        Assert.Null(response.Header("Set-Cookie"));
        Assert.Equal(200, followed.Status);
        Assert.StartsWith("index of ", followed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/docs", "/app/docs/")]
    [InlineData("/app/docs?x=1", "/app/docs/?x=1")]
    public async Task DirectoryRedirect_KeepsTheServersPathPrefix(string target, string location)
    {
        using var dir = new TempDirectory();
        dir.File("docs/index.html", "docs index");
        await using var host = await TestHost.StartAsync(new MixServerOptions { PathPrefix = "/app" }, StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path }));

        var response = await host.GetRawAsync(target);
        var followed = await host.GetRawAsync(location);

        Assert.Equal(301, response.Status);
        Assert.Equal(location, response.Header("Location"));
        Assert.Equal("docs index", followed.Text);
    }
}
