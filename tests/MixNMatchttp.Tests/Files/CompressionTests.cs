using System.Globalization;
using System.IO.Compression;
using System.Text;
using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Files;

/// <summary>StaticFilesOptions.Compression: files of compressible types are sent with Brotli or gzip as the request's
/// Accept-Encoding prefers, byte-exact once decompressed, with a tag per coding, Vary on every answer, the identity
/// representation for ranges, and never a failure for a strange Accept-Encoding.</summary>
public sealed class CompressionTests
{
    private static readonly DateTime FixedTime = new(2023, 4, 5, 6, 7, 8, DateTimeKind.Utc);

    /// <summary>Text that compresses well and is well above the minimum length.</summary>
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"function f{i}(x) {{ return x * {i}; }} // é\n")));

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    public async Task CompressibleFile_IsSentInThePreferredCoding_AndDecompressesToTheExactFile(string acceptEncoding, string coding)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: {acceptEncoding}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(coding, response.Header("Content-Encoding"));
        Assert.Equal("text/javascript; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        Assert.Equal(response.Body.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.True(response.Body.Length < Script.Length / 4, $"{response.Body.Length} bytes for a {Script.Length}-byte file");
        Assert.Null(response.Header("Accept-Ranges"));
        Assert.Equal("inline; filename=\"app.js\"", response.Header("Content-Disposition"));
        Assert.Equal("Wed, 05 Apr 2023 06:07:08 GMT", response.Header("Last-Modified"));
        Assert.Equal(Script, Decompress(coding, response.Body));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task LargeFile_IsCompressedWhileSent_WithoutALength_AndDecompressesToTheExactFile(string coding)
    {
        var large = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i}: {i * 7919 % 1000}\n")));
        await using var files = await FilesAsync(("big.txt", large));

        var get = await files.Host.RawAsync("GET", "/big.txt", $"Accept-Encoding: {coding}\r\n");
        var head = await files.Host.RawAsync("HEAD", "/big.txt", $"Accept-Encoding: {coding}\r\n");

        Assert.True(large.Length > 256 * 1024);
        Assert.Equal(200, get.Status);
        Assert.Equal(coding, get.Header("Content-Encoding"));
        Assert.Null(get.Header("Content-Length"));
        Assert.Equal("chunked", get.Header("Transfer-Encoding"));
        Assert.Equal(large, Decompress(coding, get.Body));
        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        foreach (var name in new[] { "Content-Type", "Content-Encoding", "ETag", "Last-Modified", "Vary", "Content-Disposition", "Content-Length" })
        {
            Assert.Equal(get.Header(name), head.Header(name));
        }

        Assert.Equal(0, files.Module.MemoryCache.Count);
    }

    [Fact]
    public async Task EachCoding_HasItsOwnStrongETag_AndIfNoneMatchWorksPerCoding()
    {
        await using var files = await FilesAsync();

        var identity = await files.Host.GetRawAsync("/app.js");
        var brotli = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");
        var gzip = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");
        var etags = new[] { identity.Header("ETag")!, brotli.Header("ETag")!, gzip.Header("ETag")! };

        Assert.Equal(3, etags.Distinct().Count());
        Assert.All(etags, etag => Assert.Matches("^\"[^\"]+\"$", etag));
        Assert.Equal(etags[0].Insert(etags[0].Length - 1, "-br"), etags[1]);
        Assert.Equal(etags[0].Insert(etags[0].Length - 1, "-gz"), etags[2]);

        var brotli304 = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: br\r\nIf-None-Match: {etags[1]}\r\n");
        var gzipWithBrotliTag = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: gzip\r\nIf-None-Match: {etags[1]}\r\n");
        var identityWithBrotliTag = await files.Host.RawAsync("GET", "/app.js", $"If-None-Match: {etags[1]}\r\n");
        var identity304 = await files.Host.RawAsync("HEAD", "/app.js", $"If-None-Match: W/{etags[0]}\r\n");

        Assert.Equal(304, brotli304.Status);
        Assert.Empty(brotli304.Body);
        Assert.Equal(etags[1], brotli304.Header("ETag"));
        Assert.Equal("Accept-Encoding", brotli304.Header("Vary"));
        Assert.Equal(200, gzipWithBrotliTag.Status);
        Assert.Equal(Script, Decompress("gzip", gzipWithBrotliTag.Body));
        Assert.Equal(200, identityWithBrotliTag.Status);
        Assert.Equal(Script, identityWithBrotliTag.Body);
        Assert.Equal(304, identity304.Status);
        Assert.Equal("Accept-Encoding", identity304.Header("Vary"));
    }

    [Fact]
    public async Task IdentityAnswersOfACompressibleFile_CarryVaryToo()
    {
        await using var files = await FilesAsync();

        var plain = await files.Host.GetRawAsync("/app.js");
        var refused = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br;q=0, gzip;q=0\r\n");

        Assert.Equal(Script, plain.Body);
        Assert.Null(plain.Header("Content-Encoding"));
        Assert.Equal("Accept-Encoding", plain.Header("Vary"));
        Assert.Equal("bytes", plain.Header("Accept-Ranges"));
        Assert.Equal(Script, refused.Body);
        Assert.Equal("Accept-Encoding", refused.Header("Vary"));
    }

    [Theory]
    [InlineData("bytes=0-9", 206)]
    [InlineData("bytes=0-9,20-29", 206)]
    [InlineData("bytes=999999-", 416)]
    [InlineData("lines=1-2", 200)]
    public async Task RangeRequest_GetsTheIdentityRepresentation(string range, int status)
    {
        await using var files = await FilesAsync();
        var identityTag = (await files.Host.GetRawAsync("/app.js")).Header("ETag");

        var response = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: br, gzip\r\nRange: {range}\r\n");

        Assert.Equal(status, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(identityTag, response.Header("ETag"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        if (range == "bytes=0-9")
        {
            Assert.Equal(Script[..10], response.Body);
        }
    }

    [Fact]
    public async Task IfRangeWithACompressedTag_SendsTheWholeIdentityFile()
    {
        await using var files = await FilesAsync();
        var brotliTag = (await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n")).Header("ETag");

        var response = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: br\r\nRange: bytes=0-9\r\nIf-Range: {brotliTag}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script, response.Body);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Head_SendsTheHeadersOfGet(string coding)
    {
        await using var files = await FilesAsync();

        var get = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: {coding}\r\n");
        var head = await files.Host.RawAsync("HEAD", "/app.js", $"Accept-Encoding: {coding}\r\n");

        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal(
            get.Headers.Where(h => h.Key != "Date").Select(h => $"{h.Key}: {h.Value}"),
            head.Headers.Where(h => h.Key != "Date").Select(h => $"{h.Key}: {h.Value}"));
    }

    [Theory]
    [InlineData("image.png")]
    [InlineData("photo.jpg")]
    [InlineData("archive.zip")]
    [InlineData("font.woff2")]
    [InlineData("font.woff")]
    [InlineData("doc.pdf")]
    [InlineData("blob.unknownext")]
    [InlineData("no-extension")]
    public async Task AlreadyCompressedOrUnknownTypes_AreSentAsTheyAre_WithoutVary(string name)
    {
        await using var files = await FilesAsync((name, Script));

        var response = await files.Host.RawAsync("GET", "/" + name, "Accept-Encoding: br, gzip\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Script, response.Body);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Null(response.Header("Vary"));
    }

    [Theory]
    [InlineData("page.html")]
    [InlineData("style.css")]
    [InlineData("data.json")]
    [InlineData("feed.xml")]
    [InlineData("icon.svg")]
    [InlineData("module.mjs")]
    [InlineData("app.wasm")]
    [InlineData("site.webmanifest")]
    [InlineData("notes.txt")]
    [InlineData("table.csv")]
    [InlineData("font.otf")]
    [InlineData("favicon.ico")]
    public async Task CompressibleTypes_AreCompressed(string name)
    {
        await using var files = await FilesAsync((name, Script));

        var response = await files.Host.RawAsync("GET", "/" + name, "Accept-Encoding: gzip\r\n");

        Assert.Equal("gzip", response.Header("Content-Encoding"));
        Assert.Equal(Script, Decompress("gzip", response.Body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(StaticFiles.MinimumCompressedLength - 1)]
    public async Task TinyFile_IsNotCompressed_ButVaries(int length)
    {
        var tiny = Script[..length];
        await using var files = await FilesAsync(("tiny.js", tiny));

        var response = await files.Host.RawAsync("GET", "/tiny.js", "Accept-Encoding: br, gzip\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(tiny, response.Body);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
    }

    [Fact]
    public async Task FileOfTheMinimumLength_IsCompressed()
    {
        var file = Script[..StaticFiles.MinimumCompressedLength];
        await using var files = await FilesAsync(("small.js", file));

        var response = await files.Host.RawAsync("GET", "/small.js", "Accept-Encoding: br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
        Assert.Equal(file, Decompress("br", response.Body));
    }

    public static TheoryData<string> HostileAcceptEncodings => new()
    {
        "br;q=abc",
        "gzip;q=2",
        "br;q=0.5;q=0.5",
        "gzip;" + new string('q', 8000),
        new string(',', 8000) + "x y",
        string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"c{i}")) + ", br",
        "gzip, br\u00e9",
        "\u65e5\u672c, gzip",
        "\"gzip\"",
        "gzip br",
        "=",
        ";",
        "*;q=",
    };

    [Theory]
    [MemberData(nameof(HostileAcceptEncodings))]
    public async Task HostileAcceptEncoding_GetsTheIdentityFile(string acceptEncoding)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: {acceptEncoding}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Equal(Script, response.Body);
        Assert.DoesNotContain(files.Host.Log.Entries, entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("gzip\u0001", 200)]
    [InlineData("gz\u007fip", 200)]
    [InlineData("gzip\u001b[31m", 200)]
    [InlineData("gzip\u0000br", 400)] // Kestrel refuses NUL in a header before any module sees it
    public async Task AcceptEncodingWithControlCharacters_GetsTheIdentityFile(string acceptEncoding, int status)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: {acceptEncoding}\r\n");

        Assert.Equal(status, response.Status);
        Assert.Null(response.Header("Content-Encoding"));
        if (status == 200)
        {
            Assert.Equal(Script, response.Body);
        }
    }

    [Fact]
    public async Task ManyAcceptEncodingLines_AreOneList()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip;q=0.1\r\nAccept-Encoding: br\r\n");

        Assert.Equal("br", response.Header("Content-Encoding"));
    }

    [Fact]
    public async Task CompressionOff_TheDefault_SendsFilesAsTheyAreWithoutVary()
    {
        using var dir = new TempDirectory();
        dir.File("app.js", Script);
        dir.File("app.js.br", Script[..10]);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br, gzip\r\n");

        Assert.Equal(Script, response.Body);
        Assert.Null(response.Header("Content-Encoding"));
        Assert.Null(response.Header("Vary"));
    }

    [Fact]
    public async Task CompressedVariants_AreKeptWithTheirFile_AndCountedInTheCache()
    {
        await using var files = await FilesAsync();

        var brotli = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");
        var gzip = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");
        var again = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        Assert.Equal(1, files.Module.MemoryCache.Count);
        Assert.Equal(Script.Length + brotli.Body.Length + gzip.Body.Length, files.Module.MemoryCache.Bytes);
        Assert.Equal(brotli.Body, again.Body);
        Assert.Equal(brotli.Header("ETag"), again.Header("ETag"));
    }

    [Fact]
    public async Task CompressedVariants_EvictOtherFiles_AndLeaveWithTheirFile()
    {
        using var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("app.js", Script), FixedTime);
        var others = Enumerable.Range(0, 3).Select(i => dir.File($"other{i}.bin", StaticFilesHost.RandomBytes(1000))).ToArray();
        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Compression = true, MemoryCacheCapacity = Script.Length + 3000 });
        await using var host = await TestHost.StartAsync(module);

        await host.GetRawAsync("/app.js");
        for (var i = 0; i < others.Length; i++)
        {
            await host.GetRawAsync($"/other{i}.bin");
        }

        var full = module.MemoryCache.Bytes;
        var brotli = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");
        var evicted = (brotli.Body.Length + 999) / 1000;

        Assert.Equal(Script.Length + 3000, full);
        Assert.Equal(Script, Decompress("br", brotli.Body));
        Assert.InRange(evicted, 1, 2);
        Assert.Equal(4 - evicted, module.MemoryCache.Count);
        Assert.Equal(Script.Length + brotli.Body.Length + (1000 * (3 - evicted)), module.MemoryCache.Bytes);
        Assert.False(module.MemoryCache.Contains(Path.Join(module.Root, "other0.bin")), "the least recently used file made room");
        Assert.True(module.MemoryCache.Contains(Path.Join(module.Root, "other2.bin")), "the most recently used file stayed");

        await File.WriteAllBytesAsync(Path.Join(dir.Path, "app.js"), Script[..600]);
        var changed = await host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        Assert.Equal(Script[..600], Decompress("br", changed.Body));
        Assert.Equal(600 + changed.Body.Length + (1000 * (3 - evicted)), module.MemoryCache.Bytes);
    }

    [Fact]
    public async Task VariantThatDoesNotFitTheCache_IsSentButNotKept()
    {
        using var dir = new TempDirectory();
        dir.File("app.js", Script);
        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Compression = true, MemoryCacheCapacity = Script.Length });
        await using var host = await TestHost.StartAsync(module);

        var response = await host.RawAsync("GET", "/app.js", "Accept-Encoding: gzip\r\n");

        Assert.Equal(Script, Decompress("gzip", response.Body));
        Assert.Equal(Script.Length, module.MemoryCache.Bytes);
    }

    [Fact]
    public async Task FileChangedAfterItWasCompressed_IsCompressedAfresh()
    {
        await using var files = await FilesAsync();
        var first = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        var changed = Script.Concat(Encoding.UTF8.GetBytes("// more\n")).ToArray();
        await File.WriteAllBytesAsync(Path.Join(files.Directory.Path, "app.js"), changed);
        var second = await files.Host.RawAsync("GET", "/app.js", "Accept-Encoding: br\r\n");

        Assert.Equal(changed, Decompress("br", second.Body));
        Assert.NotEqual(first.Header("ETag"), second.Header("ETag"));
        Assert.Equal(changed.Length + second.Body.Length, files.Module.MemoryCache.Bytes);
    }

    [Fact]
    public async Task ConcurrentRequests_AllGetTheExactFile()
    {
        await using var files = await FilesAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            files.Host.RawAsync("GET", "/app.js", $"Accept-Encoding: {(i % 3 == 0 ? "br" : i % 3 == 1 ? "gzip" : "identity")}\r\n")));

        foreach (var response in responses)
        {
            Assert.Equal(Script, response.Header("Content-Encoding") is { } coding ? Decompress(coding, response.Body) : response.Body);
        }

        Assert.Equal(Script.Length + responses.First(r => r.Header("Content-Encoding") == "br").Body.Length
            + responses.First(r => r.Header("Content-Encoding") == "gzip").Body.Length, files.Module.MemoryCache.Bytes);
    }

    internal static byte[] Decompress(string coding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decompressor = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }

    private static async Task<Files> FilesAsync(params (string Name, byte[] Content)[] extra)
    {
        var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("app.js", Script), FixedTime);
        foreach (var (name, content) in extra)
        {
            File.SetLastWriteTimeUtc(dir.File(name, content), FixedTime);
        }

        var module = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, Compression = true });
        return new Files(dir, module, await TestHost.StartAsync(module));
    }

    private sealed record Files(TempDirectory Directory, StaticFiles Module, TestHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            Directory.Dispose();
        }
    }
}
