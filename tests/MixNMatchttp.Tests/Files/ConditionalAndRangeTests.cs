using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Tests.Files;

/// <summary>Conditional requests (ETag / If-None-Match, If-Modified-Since → 304) and Range requests (206, 416,
/// multipart/byteranges, If-Range) on files kept in memory and on large files sent from disk.</summary>
public sealed class ConditionalAndRangeTests
{
    private static readonly DateTime FixedTime = new(2022, 6, 7, 8, 9, 10, DateTimeKind.Utc);
    private static readonly byte[] Hundred = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}abcdefgh{i}")));

    [Fact]
    public async Task IfNoneMatchWithTheCurrentETag_Is304WithNoBody()
    {
        await using var files = await FilesAsync();

        var first = await files.Host.GetRawAsync("/file.txt");
        var etag = first.Header("ETag")!;
        var second = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {etag}\r\n");

        Assert.Equal(304, second.Status);
        Assert.Empty(second.Body);
        Assert.Equal(etag, second.Header("ETag"));
    }

    [Theory]
    [InlineData("\"nope\", {0}")]
    [InlineData("{0},\"nope\"")]
    [InlineData("\"a\" , \"b\",   {0}  ")]
    [InlineData("W/{0}")]
    [InlineData("\"nope\", W/{0}")]
    [InlineData("*")]
    public async Task IfNoneMatchListWeakOrStar_MatchingTheCurrentETag_Is304(string headerFormat)
    {
        await using var files = await FilesAsync();
        var etag = (await files.Host.GetRawAsync("/file.txt")).Header("ETag")!;

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {string.Format(CultureInfo.InvariantCulture, headerFormat, etag)}\r\n");

        Assert.Equal(304, response.Status);
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("\"nope\"")]
    [InlineData("\"nope\", W/\"other\"")]
    public async Task IfNoneMatchWithOtherETags_Is200WithTheFile(string header)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {header}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Hundred, response.Body);
    }

    [Fact]
    public async Task HeadWithMatchingIfNoneMatch_Is304()
    {
        await using var files = await FilesAsync();
        var etag = (await files.Host.GetRawAsync("/file.txt")).Header("ETag")!;

        var response = await files.Host.RawAsync("HEAD", "/file.txt", $"If-None-Match: {etag}\r\n");

        Assert.Equal(304, response.Status);
    }

    [Theory]
    [InlineData(0, 304)]
    [InlineData(1, 304)]
    [InlineData(86400 * 365, 304)]
    [InlineData(-1, 200)]
    [InlineData(-86400, 200)]
    public async Task IfModifiedSince_Is304WhenNotModifiedSinceTheDateElse200(int secondsAfterModification, int status)
    {
        await using var files = await FilesAsync();
        var since = FixedTime.AddSeconds(secondsAfterModification).ToString("r", CultureInfo.InvariantCulture);

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Modified-Since: {since}\r\n");

        Assert.Equal(status, response.Status);
        Assert.Equal(status == 200 ? Hundred : [], response.Body);
    }

    [Fact]
    public async Task IfModifiedSinceWithTheLastModifiedHeaderOfASubsecondMtime_Is304()
    {
        using var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("file.txt", "x"), FixedTime.AddMilliseconds(750));
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var lastModified = (await host.GetRawAsync("/file.txt")).Header("Last-Modified");

        var response = await host.RawAsync("GET", "/file.txt", $"If-Modified-Since: {lastModified}\r\n");

        Assert.Equal(FixedTime.ToString("r", CultureInfo.InvariantCulture), lastModified);
        Assert.Equal(304, response.Status);
    }

    [Fact]
    public async Task IfNoneMatchNotMatching_WinsOverAnIfModifiedSinceThatWouldMatch_200()
    {
        await using var files = await FilesAsync();
        var since = FixedTime.AddDays(1).ToString("r", CultureInfo.InvariantCulture);

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: \"stale\"\r\nIf-Modified-Since: {since}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Hundred, response.Body);
    }

    [Fact]
    public async Task InvalidIfModifiedSince_IsIgnored_200()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", "If-Modified-Since: not a date\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Hundred, response.Body);
    }

    [Theory]
    [InlineData("bytes=0-9", 0, 9)]
    [InlineData("bytes=-5", 95, 99)]
    [InlineData("bytes=10-", 10, 99)]
    [InlineData("bytes=90-1000", 90, 99)]
    [InlineData("bytes=-1000", 0, 99)]
    [InlineData("bytes=99-99", 99, 99)]
    public async Task SingleSatisfiableRange_Is206WithContentRangeAndExactBytes(string range, int from, int to)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: {range}\r\n");

        Assert.Equal(206, response.Status);
        Assert.Equal($"bytes {from}-{to}/100", response.Header("Content-Range"));
        Assert.Equal((to - from + 1).ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.Equal(Hundred[from..(to + 1)], response.Body);
        Assert.Equal("text/plain; charset=utf-8", response.Header("Content-Type"));
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=500-600")]
    [InlineData("bytes=100-,200-300")]
    public async Task UnsatisfiableRange_Is416WithContentRangeStarSlashLength(string range)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: {range}\r\n");

        Assert.Equal(416, response.Status);
        Assert.Equal("bytes */100", response.Header("Content-Range"));
        Assert.DoesNotContain("0abcdefgh0", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("items=0-9")]
    [InlineData("bytes=9-0")]
    public async Task MalformedOrForeignRange_IsIgnored_200WithTheWholeFile(string range)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: {range}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Hundred, response.Body);
    }

    [Fact]
    public async Task TwoRanges_Are206MultipartByterangesWithBothPartsCorrect()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", "Range: bytes=0-4,-3\r\n");

        Assert.Equal(206, response.Status);
        var parts = await ReadPartsAsync(response);
        Assert.Equal(2, parts.Count);
        Assert.Equal("bytes 0-4/100", parts[0].ContentRange);
        Assert.Equal(Hundred[..5], parts[0].Body);
        Assert.Equal("bytes 97-99/100", parts[1].ContentRange);
        Assert.Equal(Hundred[97..], parts[1].Body);
        Assert.All(parts, part => Assert.Equal("text/plain; charset=utf-8", part.ContentType));
        Assert.Equal(response.Body.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
    }

    [Fact]
    public async Task IfRangeWithAStaleETag_Is200WithTheWholeFile()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", "Range: bytes=0-9\r\nIf-Range: \"stale\"\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Range"));
        Assert.Equal(Hundred, response.Body);
    }

    [Fact]
    public async Task IfRangeWithAWeakVersionOfTheCurrentETag_Is200BecauseIfRangeNeedsAStrongMatch()
    {
        await using var files = await FilesAsync();
        var etag = (await files.Host.GetRawAsync("/file.txt")).Header("ETag");

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: W/{etag}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Content-Range"));
        Assert.Equal(Hundred, response.Body);
    }

    [Fact]
    public async Task IfRangeWithTheCurrentETagOrDate_Is206()
    {
        await using var files = await FilesAsync();
        var etag = (await files.Host.GetRawAsync("/file.txt")).Header("ETag");
        var date = FixedTime.ToString("r", CultureInfo.InvariantCulture);

        var byTag = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: {etag}\r\n");
        var byDate = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: {date}\r\n");
        var byOldDate = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: {FixedTime.AddDays(-1).ToString("r", CultureInfo.InvariantCulture)}\r\n");

        Assert.Equal(206, byTag.Status);
        Assert.Equal(Hundred[..10], byTag.Body);
        Assert.Equal(206, byDate.Status);
        Assert.Equal(200, byOldDate.Status);
        Assert.Equal(Hundred, byOldDate.Body);
    }

    [Fact]
    public async Task HeadWithRange_SendsNoBody()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("HEAD", "/file.txt", "Range: bytes=0-9\r\n");

        Assert.True(response.Status is 200 or 206, $"status {response.Status}");
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task RangesOnALargeFileSentFromDisk_AreExact()
    {
        using var dir = new TempDirectory();
        var content = StaticFilesHost.RandomBytes(1024 * 1024);
        dir.File("big.bin", content);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var length = content.Length;

        var middle = await host.RawAsync("GET", "/big.bin", "Range: bytes=300000-300999\r\n");
        var suffix = await host.RawAsync("GET", "/big.bin", "Range: bytes=-10\r\n");
        var open = await host.RawAsync("GET", "/big.bin", "Range: bytes=1000000-\r\n");
        var beyond = await host.RawAsync("GET", "/big.bin", $"Range: bytes={length}-\r\n");
        var multi = await host.RawAsync("GET", "/big.bin", "Range: bytes=0-99,500000-500099\r\n");

        Assert.Equal(206, middle.Status);
        Assert.Equal($"bytes 300000-300999/{length}", middle.Header("Content-Range"));
        Assert.Equal(content[300000..301000], middle.Body);
        Assert.Equal(206, suffix.Status);
        Assert.Equal(content[^10..], suffix.Body);
        Assert.Equal(206, open.Status);
        Assert.Equal($"bytes 1000000-{length - 1}/{length}", open.Header("Content-Range"));
        Assert.Equal(content[1000000..], open.Body);
        Assert.Equal(416, beyond.Status);
        Assert.Equal($"bytes */{length}", beyond.Header("Content-Range"));
        var parts = await ReadPartsAsync(multi);
        Assert.Equal(2, parts.Count);
        Assert.Equal(content[..100], parts[0].Body);
        Assert.Equal(content[500000..500100], parts[1].Body);
        Assert.Equal($"bytes 500000-500099/{length}", parts[1].ContentRange);
    }

    [Fact]
    public async Task ConditionalRequestOnALargeFile_Is304()
    {
        using var dir = new TempDirectory();
        dir.File("big.bin", StaticFilesHost.RandomBytes(512 * 1024));
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var etag = (await host.GetRawAsync("/big.bin")).Header("ETag");

        var response = await host.RawAsync("GET", "/big.bin", $"If-None-Match: {etag}\r\n");

        Assert.Equal(304, response.Status);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task ChangedFile_IsServedFreshWithANewETag_DifferentLength()
    {
        using var dir = new TempDirectory();
        var path = dir.File("page.txt", "version one");
        File.SetLastWriteTimeUtc(path, FixedTime);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var first = await host.GetRawAsync("/page.txt");

        await File.WriteAllTextAsync(path, "version two is longer");
        var second = await host.GetRawAsync("/page.txt");
        var conditional = await host.RawAsync("GET", "/page.txt", $"If-None-Match: {first.Header("ETag")}\r\n");

        Assert.Equal("version one", first.Text);
        Assert.Equal(200, second.Status);
        Assert.Equal("version two is longer", second.Text);
        Assert.NotEqual(first.Header("ETag"), second.Header("ETag"));
        Assert.Equal(200, conditional.Status);
        Assert.Equal("version two is longer", conditional.Text);
    }

    [Fact]
    public async Task ChangedFile_IsServedFreshWithANewETag_SameLengthNewMtime()
    {
        using var dir = new TempDirectory();
        var path = dir.File("page.txt", "AAAA-1");
        File.SetLastWriteTimeUtc(path, FixedTime);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var first = await host.GetRawAsync("/page.txt");
        var cached = await host.GetRawAsync("/page.txt");

        await File.WriteAllTextAsync(path, "BBBB-2");
        File.SetLastWriteTimeUtc(path, FixedTime.AddSeconds(5));
        var second = await host.GetRawAsync("/page.txt");
        var range = await host.RawAsync("GET", "/page.txt", "Range: bytes=0-3\r\n");

        Assert.Equal("AAAA-1", first.Text);
        Assert.Equal("AAAA-1", cached.Text);
        Assert.Equal(first.Header("ETag"), cached.Header("ETag"));
        Assert.Equal("BBBB-2", second.Text);
        Assert.NotEqual(first.Header("ETag"), second.Header("ETag"));
        Assert.Equal(FixedTime.AddSeconds(5).ToString("r", CultureInfo.InvariantCulture), second.Header("Last-Modified"));
        Assert.Equal("BBBB", range.Text);
    }

    [Fact]
    public async Task FileThatGrowsPastTheMemoryLimit_IsServedFromDiskIntact()
    {
        using var dir = new TempDirectory();
        var path = dir.File("grow.bin", StaticFilesHost.RandomBytes(1000));
        await using var host = await StaticFilesHost.StartAsync(dir.Path);
        var small = await host.GetRawAsync("/grow.bin");

        var large = StaticFilesHost.RandomBytes(400 * 1024);
        await File.WriteAllBytesAsync(path, large);
        var response = await host.GetRawAsync("/grow.bin");

        Assert.Equal(1000, small.Body.Length);
        Assert.Equal(large, response.Body);
    }

    private static async Task<Files> FilesAsync()
    {
        var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("file.txt", Hundred), FixedTime);
        return new Files(dir, await StaticFilesHost.StartAsync(dir.Path));
    }

    private static async Task<List<(string? ContentType, string? ContentRange, byte[] Body)>> ReadPartsAsync(RawResponse response)
    {
        var contentType = MediaTypeHeaderValue.Parse(response.Header("Content-Type"));
        Assert.Equal("multipart/byteranges", contentType.MediaType.Value);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(response.Body));
        var parts = new List<(string?, string?, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            parts.Add((section.ContentType, section.Headers!["Content-Range"].ToString(), body.ToArray()));
        }

        return parts;
    }

    /// <summary>A 100-byte text file with a fixed modification time, served on its own.</summary>
    private sealed class Files(TempDirectory directory, TestHost host) : IAsyncDisposable
    {
        public TestHost Host { get; } = host;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            directory.Dispose();
        }
    }
}
