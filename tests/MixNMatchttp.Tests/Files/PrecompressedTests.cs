using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using MixNMatchttp.Files;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Files;

/// <summary>StaticFilesOptions.Precompressed: a file's <c>.br</c> / <c>.gz</c> sibling is sent in its place, with the
/// file's type and name and the sibling's own length and tag, but only when a request for the sibling itself would get
/// it: never through a link out of the root, nor when it is denied, protected through a link, private or not a regular
/// file.</summary>
public sealed class PrecompressedTests
{
    private static readonly DateTime FixedTime = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"console.log({i});\n")));

    /// <summary>What the siblings hold once decompressed: not the file, so a test sees which one was sent.</summary>
    private static readonly byte[] Marked = [.. Encoding.UTF8.GetBytes("/* from the sibling */\n"), .. Script];

    [Theory]
    [InlineData("br", "br", ".br")]
    [InlineData("gzip", "gzip", ".gz")]
    [InlineData("gzip, br", "br", ".br")]
    [InlineData("br;q=0.1, gzip", "gzip", ".gz")]
    public async Task Sibling_IsSentInPlaceOfTheFile_WithTheFilesTypeAndName(string acceptEncoding, string coding, string extension)
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: true);
        var sibling = await File.ReadAllBytesAsync(Path.Join(dir.Path, "app.js" + extension));
        var identityTag = (await host.GetRawAsync("/app.js")).Header("ETag");

        var response = await host.RawAsync("GET", "/app.js", $"Accept-Encoding: {acceptEncoding}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(sibling, response.Body);
        Assert.Equal(Marked, CompressionTests.Decompress(coding, response.Body));
        Assert.Equal(coding, response.Header("Content-Encoding"));
        Assert.Equal("text/javascript; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("inline; filename=\"app.js\"", response.Header("Content-Disposition"));
        Assert.Equal(sibling.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        Assert.Equal("Tue, 02 Jan 2024 03:04:05 GMT", response.Header("Last-Modified"));
        Assert.Matches($"-{(coding == "br" ? "br" : "gz")}\"$", response.Header("ETag"));
        Assert.NotEqual(identityTag?.TrimEnd('"'), response.Header("ETag")![..^4]);
    }

    [Fact]
    public async Task Sibling_HasItsOwnTag_WhichIfNoneMatchAnswersWith304()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: true);
        var first = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        var again = await host.RawAsync("GET", "/app.js", $"Accept-Encoding: br\r\nIf-None-Match: {first.Header("ETag")}\r\n");
        var head = await host.RawAsync("HEAD", "/app.js", "Accept-Encoding: br\r\n");
        var ownTag = (await host.GetRawAsync("/app.js.br")).Header("ETag")!;

        Assert.Equal(304, again.Status);
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
        Assert.Equal(ownTag.Insert(ownTag.Length - 1, "-br"), first.Header("ETag"));
        Assert.Empty(head.Body);
        foreach (var name in new[] { "Content-Type", "Content-Encoding", "Content-Length", "ETag", "Last-Modified", "Vary", "Content-Disposition" })
        {
            Assert.Equal(first.Header(name), head.Header(name));
        }
    }

    [Fact]
    public async Task ChangedSibling_IsSentWithItsNewTag()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: false, precompressed: true);
        var first = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");

        var newer = Gzip([.. Marked, .. "// rebuilt\n"u8.ToArray()]);
        await File.WriteAllBytesAsync(Path.Join(dir.Path, "app.js.gz"), newer);
        var second = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");

        Assert.Equal(newer, second.Body);
        Assert.NotEqual(first.Header("ETag"), second.Header("ETag"));
    }

    [Fact]
    public async Task SiblingItself_IsServedAsAnOrdinaryFile()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: true);

        var response = await host.RawAsync("GET", "/app.js.gz", "Accept-Encoding: gzip, br\r\n");

        Assert.Equal(await File.ReadAllBytesAsync(Path.Join(dir.Path, "app.js.gz")), response.Body);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Null(response.Header("Vary"));
        Assert.Equal("inline; filename=\"app.js.gz\"", response.Header("Content-Disposition"));
    }

    [Fact]
    public async Task WithCompressionOn_ThePreferredCodingWins_AndAMissingSiblingIsCompressedHere()
    {
        using var dir = Site();
        File.Delete(Path.Join(dir.Path, "app.js.br"));
        await using var host = await StartAsync(dir, compression: true);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip, br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
        Assert.Equal(Script, CompressionTests.Decompress("br", response.Body));
    }

    [Fact]
    public async Task PrecompressedWithoutCompression_SendsTheSiblingsThereAre_AndCompressesNothing()
    {
        using var dir = Site();
        File.Delete(Path.Join(dir.Path, "app.js.br"));
        dir.File("other.js", Script);
        await using var host = await StartAsync(dir, compression: false, precompressed: true);

        var sibling = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br, gzip\r\n");
        var other = await host.RawAsync("GET", "/other.js", "Accept-Encoding: br, gzip\r\n");

        Assert.Equal("gzip", sibling.Header("Content-Encoding"));
        Assert.Equal(Marked, CompressionTests.Decompress("gzip", sibling.Body));
        Assert.Null(other.Header("Content-Encoding"));
        Assert.Equal(Script, other.Body);
        Assert.Equal("Accept-Encoding", other.Header("Vary"));
    }

    [Fact]
    public async Task PrecompressedOff_IgnoresTheSiblings()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: true, precompressed: false);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
        Assert.Equal(Script, CompressionTests.Decompress("br", response.Body));
    }

    [Fact]
    public async Task RangeRequest_GetsTheFileItself()
    {
        using var dir = Site();
        await using var host = await StartAsync(dir, compression: false, precompressed: true);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\nRange: bytes=0-4\r\n");

        Assert.Equal(206, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script[..5], response.Body);
    }

    [Fact]
    public async Task TinyFile_GetsItsSiblingToo()
    {
        using var dir = new TempDirectory();
        dir.File("tiny.css", "a{}");
        dir.File("tiny.css.gz", Gzip("b{}"u8.ToArray()));
        await using var host = await StartAsync(dir, compression: true);

        var response = await host.RawAsync("GET", "/tiny.css", "Accept-Encoding: gzip\r\n");

        Assert.Equal("gzip", response.Header("Content-Encoding"));
        Assert.Equal("b{}"u8.ToArray(), CompressionTests.Decompress("gzip", response.Body));
    }

    [Fact]
    public async Task SiblingOfAFileThatIsNotCompressible_IsNotSent()
    {
        using var dir = new TempDirectory();
        var png = StaticFilesHost.RandomBytes(2000);
        dir.File("image.png", png);
        dir.File("image.png.gz", Gzip(png));
        await using var host = await StartAsync(dir, compression: true);

        var response = await host.RawAsync("GET", "/image.png", "Accept-Encoding: gzip\r\n");

        Assert.Equal(png, response.Body);
        Assert.Null(response.Header("Content-Encoding"));
    }

    [Fact]
    public async Task IndexFilesSibling_IsSentForTheDirectory()
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", Script);
        dir.File("site/index.html.br", Brotli(Marked));
        await using var host = await StartAsync(dir, compression: false, precompressed: true);

        var response = await host.RawAsync("GET", "/site/", "Accept-Encoding: br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("inline; filename=\"index.html\"", response.Header("Content-Disposition"));
        Assert.Equal(Marked, CompressionTests.Decompress("br", response.Body));
    }

    [Fact]
    public async Task LargeSibling_IsSentFromDisk()
    {
        var large = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 60_000).Select(i => $"{i},{i * 31 % 977}\n")));
        using var dir = new TempDirectory();
        dir.File("data.csv", large);
        var compressed = Gzip(large);
        dir.File("data.csv.gz", compressed);
        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Precompressed = true, MemoryCacheMaxFileSize = 0 });
        await using var host = await TestHost.StartAsync(module);

        var response = await host.RawAsync("GET", "/data.csv", "Accept-Encoding: gzip\r\n");

        Assert.Equal(compressed, response.Body);
        Assert.Equal(compressed.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.Equal(large, CompressionTests.Decompress("gzip", response.Body));
    }

    [Fact]
    public async Task SiblingLinkingOutOfTheRoot_IsNotSent_AndIsLogged()
    {
        using var temp = new TempDirectory();
        var outside = temp.File("outside/secret.gz", Gzip("TOP-SECRET"u8.ToArray()));
        temp.File("root/app.js", Script);
        File.CreateSymbolicLink(Path.Join(temp.Path, "root", "app.js.gz"), outside);
        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = Path.Join(temp.Path, "root"), Precompressed = true });
        await using var host = await TestHost.StartAsync(module);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script, response.Body);
        Assert.Contains(host.Log.Entries, entry => entry.Message == "Refused /app.js.gz: it leads outside the document root");
    }

    [Fact]
    public async Task SiblingLinkingOutOfTheRoot_IsNotSent_EvenWhenCompressionIsOn()
    {
        using var temp = new TempDirectory();
        var outside = temp.File("outside/secret.br", Brotli("TOP-SECRET"u8.ToArray()));
        temp.File("root/app.js", Script);
        File.CreateSymbolicLink(Path.Join(temp.Path, "root", "app.js.br"), outside);
        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = Path.Join(temp.Path, "root"), Compression = true });
        await using var host = await TestHost.StartAsync(module);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
        Assert.Equal(Script, CompressionTests.Decompress("br", response.Body));
    }

    [Theory]
    [InlineData("*.gz")]
    [InlineData("/app.js.gz")]
    [InlineData("/assets")]
    public async Task DeniedSibling_IsNotSent(string pattern)
    {
        using var dir = new TempDirectory();
        dir.File("app.js", Script);
        dir.File("app.js.gz", Gzip(Marked));
        dir.File("assets/lib.js", Script);
        dir.File("assets/lib.js.gz", Gzip(Marked));
        File.CreateSymbolicLink(Path.Join(dir.Path, "lib.js.gz"), Path.Join(dir.Path, "assets", "lib.js.gz"));
        dir.File("lib.js", Script);
        await using var host = await TestHost.StartAsync(
            new DenyPaths(new DenyPathsOptions { Patterns = [pattern] }),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Precompressed = true }));

        var target = pattern == "/assets" ? "/lib.js" : "/app.js";
        var response = await host.RawAsync("GET", target, "Accept-Encoding: gzip\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script, response.Body);
    }

    [Fact]
    public async Task PrivateSibling_IsNotSent()
    {
        using var dir = Site();
        await using var host = await TestHost.StartAsync(
            new KeepsPrivate(Path.Join(dir.Path, "app.js.gz")),
            StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Precompressed = true }));

        var sibling = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");
        var direct = await host.GetRawAsync("/app.js.gz");

        Assert.Null(sibling.Header("Content-Encoding"));
        Assert.Equal(Script, sibling.Body);
        Assert.Equal(404, direct.Status);
    }

    [Fact]
    public async Task SiblingThatIsADirectoryOrAFifo_IsNotSent()
    {
        using var dir = Site();
        File.Delete(Path.Join(dir.Path, "app.js.br"));
        File.Delete(Path.Join(dir.Path, "app.js.gz"));
        Directory.CreateDirectory(Path.Join(dir.Path, "app.js.br"));
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Join(dir.Path, "app.js.gz")]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
        }

        await using var host = await StartAsync(dir, compression: false, precompressed: true);

        var response = await RawHttp.SendAsync(host.Port, "GET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept-Encoding: br, gzip\r\n\r\n", TimeSpan.FromSeconds(5));

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script, response.Body);
    }

    /// <summary>app.js with both siblings, all dated <see cref="FixedTime"/>; the siblings hold <see cref="Marked"/>.</summary>
    private static TempDirectory Site()
    {
        var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("app.js", Script), FixedTime);
        File.SetLastWriteTimeUtc(dir.File("app.js.br", Brotli(Marked)), FixedTime);
        File.SetLastWriteTimeUtc(dir.File("app.js.gz", Gzip(Marked)), FixedTime);
        return dir;
    }

    private static Task<TestHost> StartAsync(TempDirectory dir, bool compression, bool? precompressed = null) =>
        TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Compression = compression, Precompressed = precompressed }));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Brotli(byte[] data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }
}
