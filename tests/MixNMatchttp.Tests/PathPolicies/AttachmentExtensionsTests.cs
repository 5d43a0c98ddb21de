using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.PathPolicies;

public sealed class AttachmentExtensionsTests
{
    private static Task<TestHost> StartAsync(TempDirectory dir, params string[] extensions) =>
        TestHost.StartAsync(new StaticFiles(new StaticFilesOptions { Root = dir.Path, AttachmentExtensions = extensions }));

    [Theory]
    [InlineData("/report.pdf", "attachment; filename=\"report.pdf\"")]
    [InlineData("/docs/REPORT.PDF", "attachment; filename=\"REPORT.PDF\"")]
    [InlineData("/archive.zip", "attachment; filename=\"archive.zip\"")]
    [InlineData("/backup.tar.gz", "attachment; filename=\"backup.tar.gz\"")]
    [InlineData("/page.html", "inline; filename=\"page.html\"")]
    [InlineData("/pdf", "inline; filename=\"pdf\"")]
    [InlineData("/archive.gz", "inline; filename=\"archive.gz\"")]
    public async Task StaticFile_WithAListedExtension_IsServedAsAnAttachment(string target, string? disposition)
    {
        using var dir = new TempDirectory();
        foreach (var file in new[] { "report.pdf", "docs/REPORT.PDF", "archive.zip", "backup.tar.gz", "page.html", "pdf", "archive.gz" })
        {
            dir.File(file, "content of " + file);
        }

        await using var host = await StartAsync(dir, ".pdf", "zip", ".TAR.GZ");
        var get = await host.GetRawAsync(target);
        Assert.Equal(200, get.Status);
        Assert.Equal("content of " + target[1..], get.Text);
        Assert.Equal(disposition, get.Header("Content-Disposition"));
        Assert.Equal(disposition, (await host.RawAsync("HEAD", target)).Header("Content-Disposition"));
    }

    [Fact]
    public async Task RangeRequest_IsAnAttachmentToo_ButNotModifiedAndErrorsAreNot()
    {
        using var dir = new TempDirectory();
        dir.File("report.pdf", "0123456789");
        await using var host = await StartAsync(dir, ".pdf");
        var range = await host.RawAsync("GET", "/report.pdf", "Range: bytes=2-4\r\n");
        Assert.Equal(206, range.Status);
        Assert.Equal("234", range.Text);
        Assert.Equal("attachment; filename=\"report.pdf\"", range.Header("Content-Disposition"));
        var notModified = await host.RawAsync("GET", "/report.pdf", $"If-None-Match: {range.Header("ETag")}\r\n");
        Assert.Equal(304, notModified.Status);
        Assert.Null(notModified.Header("Content-Disposition"));
        var missing = await host.GetRawAsync("/missing.pdf");
        Assert.Equal(404, missing.Status);
        Assert.Null(missing.Header("Content-Disposition"));
        var unsatisfiable = await host.RawAsync("GET", "/report.pdf", "Range: bytes=50-60\r\n");
        Assert.Equal(416, unsatisfiable.Status);
        Assert.Null(unsatisfiable.Header("Content-Disposition"));
    }

    [Fact]
    public async Task NonAsciiFileName_IsEncodedForTheHeader()
    {
        using var dir = new TempDirectory();
        dir.File("résumé.pdf", "cv");
        await using var host = await StartAsync(dir, ".pdf");
        var response = await host.GetRawAsync("/r%C3%A9sum%C3%A9.pdf");
        Assert.Equal(200, response.Status);
        var disposition = response.Header("Content-Disposition");
        Assert.NotNull(disposition);
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", disposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndpointsAndHandlerFiles_KeepTheirOwnDisposition()
    {
        using var dir = new TempDirectory();
        var path = dir.File("report.pdf", "pdf");
        await using var host = await TestHost.StartAsync(
            new StaticFiles(new StaticFilesOptions { Root = dir.Path, AttachmentExtensions = [".pdf"] }),
            new TestModule(
                new() { ["inline.pdf"] = new(), ["text.pdf"] = new() },
                map => map
                    .Get("inline.pdf", c => new(c.SendFileAsync(path)))
                    .Get("text.pdf", c => new(c.RenderAsync("not a file", "text/plain")))));
        Assert.Equal("inline; filename=\"report.pdf\"", (await host.GetRawAsync("/inline.pdf")).Header("Content-Disposition"));
        Assert.Null((await host.GetRawAsync("/text.pdf")).Header("Content-Disposition"));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData(".pdf")]
    [InlineData("*.pdf")]
    [InlineData(" PDF ")]
    [InlineData(".PdF")]
    public async Task ExtensionWrittenAnyUsualWay_MatchesInAnyCase(string extension)
    {
        using var dir = new TempDirectory();
        dir.File("a.pdf", "a");
        dir.File("B.PDF", "b");
        dir.File("pdf", "c");
        dir.File("apdf", "d");
        await using var host = await StartAsync(dir, extension);

        Assert.Equal("attachment; filename=\"a.pdf\"", (await host.GetRawAsync("/a.pdf")).Header("Content-Disposition"));
        Assert.Equal("attachment; filename=\"B.PDF\"", (await host.GetRawAsync("/B.PDF")).Header("Content-Disposition"));
        Assert.Equal("inline; filename=\"pdf\"", (await host.GetRawAsync("/pdf")).Header("Content-Disposition"));
        Assert.Equal("inline; filename=\"apdf\"", (await host.GetRawAsync("/apdf")).Header("Content-Disposition"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("*.")]
    [InlineData("*")]
    [InlineData("p*f")]
    [InlineData("*.p?f")]
    [InlineData("a/b")]
    [InlineData(".p\ndf")]
    public void BadExtension_IsAStartupError(string extension)
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<MixConfigurationException>(() => PolicyHost.Build(new StaticFiles(new StaticFilesOptions { Root = dir.Path, AttachmentExtensions = [extension] })));
        Assert.StartsWith("StaticFilesOptions.AttachmentExtensions: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
