using System.Globalization;
using System.Text;

namespace MixNMatchttp.Tests.Files;

/// <summary>GET and HEAD of files (docs/modules/static-files.md): exact bytes, MIME types, validators, methods other than GET/HEAD.</summary>
public sealed class StaticFileServingTests
{
    private static readonly DateTime FixedTime = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    [Theory]
    [InlineData("page.html", "text/html; charset=utf-8")]
    [InlineData("style.css", "text/css; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("data.json", "application/json; charset=utf-8")]
    [InlineData("notes.txt", "text/plain; charset=utf-8")]
    [InlineData("image.png", "image/png")]
    [InlineData("blob.unknownext", "application/octet-stream")]
    [InlineData("no-extension", "application/octet-stream")]
    public async Task GetFile_Sends200WithExactBytesTypeLengthAndValidators(string name, string contentType)
    {
        using var dir = new TempDirectory();
        var content = Encoding.UTF8.GetBytes($"content of {name}\n").Concat(StaticFilesHost.RandomBytes(64)).ToArray();
        File.SetLastWriteTimeUtc(dir.File(name, content), FixedTime);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/" + name);

        Assert.Equal(200, response.Status);
        Assert.Equal(content, response.Body);
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Equal(content.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.Equal("Thu, 04 Mar 2021 05:06:07 GMT", response.Header("Last-Modified"));
        Assert.Matches("^\"[^\"]+\"$", response.Header("ETag"));
        Assert.Equal("bytes", response.Header("Accept-Ranges"));
    }

    [Fact]
    public async Task FileInASubdirectory_IsServed()
    {
        using var dir = new TempDirectory();
        dir.File("a/b/c.txt", "deep");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/a/b/c.txt");

        Assert.Equal(200, response.Status);
        Assert.Equal("deep", response.Text);
    }

    [Fact]
    public async Task HeadFile_SendsTheSameHeadersAsGetAndAnEmptyBody()
    {
        using var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("page.html", "<p>hello</p>"), FixedTime);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var get = await host.GetRawAsync("/page.html");
        var head = await host.RawAsync("HEAD", "/page.html");

        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        foreach (var name in new[] { "Content-Type", "Content-Length", "Last-Modified", "ETag", "Accept-Ranges" })
        {
            Assert.NotNull(get.Header(name));
            Assert.Equal(get.Header(name), head.Header(name));
        }

        Assert.Equal("12", head.Header("Content-Length"));
    }

    [Fact]
    public async Task HeadOfALargeFile_SendsItsLengthAndNoBody()
    {
        using var dir = new TempDirectory();
        dir.File("big.bin", StaticFilesHost.RandomBytes(600 * 1024));
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var head = await host.RawAsync("HEAD", "/big.bin");

        Assert.Equal(200, head.Status);
        Assert.Equal((600 * 1024).ToString(CultureInfo.InvariantCulture), head.Header("Content-Length"));
        Assert.Empty(head.Body);
    }

    [Theory]
    [InlineData("/missing.txt")]
    [InlineData("/sub/missing.txt")]
    [InlineData("/missing/deeper/file.txt")]
    [InlineData("/file.txt/")]
    [InlineData("/file.txt/more")]
    public async Task MissingFile_Is404(string target)
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "present");
        dir.File("sub/other.txt", "other");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync(target);

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("present", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethodOnAFile_Is405WithAllowGetHead(string method)
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "present");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.RawAsync(method, "/file.txt", "Content-Type: application/x-www-form-urlencoded\r\n", "x=1");

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
        Assert.DoesNotContain("present", response.Text, StringComparison.Ordinal);
        Assert.Equal("present", await File.ReadAllTextAsync(Path.Join(dir.Path, "file.txt")));
    }

    [Fact]
    public async Task OptionsOnAFile_Is204WithAllowListingGetAndHead()
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "present");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.RawAsync("OPTIONS", "/file.txt");

        Assert.Equal(204, response.Status);
        var allowed = (response.Header("Allow") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("GET", allowed);
        Assert.Contains("HEAD", allowed);
        Assert.DoesNotContain("POST", allowed);
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData(256 * 1024)]
    [InlineData((256 * 1024) + 1)]
    [InlineData(1024 * 1024)]
    [InlineData((3 * 1024 * 1024) + 7)]
    public async Task FileAroundAndAboveTheMemoryCacheLimit_IsServedIntact(int length)
    {
        using var dir = new TempDirectory();
        var content = StaticFilesHost.RandomBytes(length);
        dir.File("big.bin", content);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var first = await host.GetRawAsync("/big.bin");
        var second = await host.Client.GetByteArrayAsync("/big.bin");

        Assert.Equal(200, first.Status);
        Assert.Equal(length.ToString(CultureInfo.InvariantCulture), first.Header("Content-Length"));
        Assert.Equal(content, first.Body);
        Assert.Equal(content, second);
    }

    [Fact]
    public async Task EmptyFile_Is200WithZeroLength()
    {
        using var dir = new TempDirectory();
        dir.File("empty.txt", string.Empty);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/empty.txt");

        Assert.Equal(200, response.Status);
        Assert.Equal("0", response.Header("Content-Length"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task PercentEncodedFileName_IsDecodedBeforeLookup()
    {
        using var dir = new TempDirectory();
        dir.File("with space & é.txt", "decoded");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/with%20space%20%26%20%C3%A9.txt");

        Assert.Equal(200, response.Status);
        Assert.Equal("decoded", response.Text);
    }

    [Fact]
    public async Task QueryString_DoesNotChangeWhichFileIsServed()
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "present");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/file.txt?v=../../etc/passwd#frag");

        Assert.Equal(200, response.Status);
        Assert.Equal("present", response.Text);
    }

    [Fact]
    public async Task FileDeletedAfterBeingServed_Is404()
    {
        using var dir = new TempDirectory();
        var path = dir.File("gone.txt", "soon gone");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var before = await host.GetRawAsync("/gone.txt");
        File.Delete(path);
        var after = await host.GetRawAsync("/gone.txt");

        Assert.Equal(200, before.Status);
        Assert.Equal(404, after.Status);
        Assert.DoesNotContain("soon gone", after.Text, StringComparison.Ordinal);
    }
}
