using System.Globalization;
using System.Text;

namespace MixNMatchttp.Tests.Files;

/// <summary>Conditional requests evaluated as RFC 9110 §13.2.2 orders them: If-Match, else If-Unmodified-Since (412);
/// then If-None-Match, else If-Modified-Since (304 for GET and HEAD, 412 for other methods); then If-Range.</summary>
public sealed class PreconditionTests
{
    private static readonly DateTime FixedTime = new(2022, 6, 7, 8, 9, 10, DateTimeKind.Utc);
    private static readonly string Content = string.Concat(Enumerable.Repeat("0123456789", 10));

    [Theory]
    [InlineData("{0}")]
    [InlineData("\"nope\", {0}")]
    [InlineData("*")]
    public async Task IfMatchWithTheCurrentETagOrStar_Is200(string format)
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Match: {Format(format, etag)}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Content, response.Text);
    }

    [Theory]
    [InlineData("\"nope\"")]
    [InlineData("W/{0}")]
    [InlineData("\"nope\", W/{0}")]
    [InlineData("{0}x")]
    [InlineData("\"unterminated")]
    [InlineData("W/")]
    [InlineData(",,,")]
    public async Task IfMatchWithoutAStrongMatch_Is412(string format)
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var get = await files.Host.RawAsync("GET", "/file.txt", $"If-Match: {Format(format, etag)}\r\n");
        var head = await files.Host.RawAsync("HEAD", "/file.txt", $"If-Match: {Format(format, etag)}\r\n");

        Assert.Equal(412, get.Status);
        Assert.DoesNotContain(Content, get.Text, StringComparison.Ordinal);
        Assert.Equal(412, head.Status);
    }

    [Theory]
    [InlineData(-1, 412)]
    [InlineData(-86400, 412)]
    [InlineData(0, 200)]
    [InlineData(1, 200)]
    public async Task IfUnmodifiedSince_Is412WhenModifiedAfterTheDate(int secondsAfterModification, int status)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Unmodified-Since: {Date(FixedTime.AddSeconds(secondsAfterModification))}\r\n");

        Assert.Equal(status, response.Status);
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("Tue, 07 Jun 2022 08:09:10 GMT, Tue, 07 Jun 2022 08:09:10 GMT")]
    public async Task InvalidIfUnmodifiedSince_IsIgnored_200(string value)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Unmodified-Since: {value}\r\n");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task IfMatchThatMatches_IsEvaluatedInsteadOfAFailingIfUnmodifiedSince_200()
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Match: {etag}\r\nIf-Unmodified-Since: {Date(FixedTime.AddDays(-1))}\r\n");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task FailingIfMatch_WinsOverAMatchingIfNoneMatch_412()
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Match: \"nope\"\r\nIf-None-Match: {etag}\r\n");

        Assert.Equal(412, response.Status);
    }

    [Fact]
    public async Task IfModifiedSinceInTheFuture_IsIgnored_200()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-Modified-Since: {Date(DateTime.UtcNow.AddDays(1))}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Content, response.Text);
    }

    [Fact]
    public async Task MatchingIfNoneMatch_WinsOverAnIfModifiedSinceThatWouldFail_304()
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {etag}\r\nIf-Modified-Since: {Date(FixedTime.AddDays(-1))}\r\n");

        Assert.Equal(304, response.Status);
    }

    [Fact]
    public async Task FailingIfUnmodifiedSince_WinsOverARange_412()
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Unmodified-Since: {Date(FixedTime.AddDays(-1))}\r\n");

        Assert.Equal(412, response.Status);
        Assert.Null(response.Header("Content-Range"));
    }

    [Fact]
    public async Task IfRangeThatMatchesWithAFailingIfNoneMatch_IsRangeServed_206()
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: {etag}\r\nIf-None-Match: \"other\"\r\n");

        Assert.Equal(206, response.Status);
        Assert.Equal("0123456789", response.Text);
    }

    [Theory]
    [InlineData("\"stale\"")]
    [InlineData("Mon, 06 Jun 2022 08:09:10 GMT")]
    [InlineData("not a validator")]
    public async Task IfRangeWithANonMatchingValidator_IsTheFull200(string ifRange)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", $"Range: bytes=0-9\r\nIf-Range: {ifRange}\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(Content, response.Text);
    }

    [Fact]
    public async Task PostToAHandlerSendingAFile_WithAMatchingIfNoneMatch_Is412_AndIfModifiedSinceIsIgnored()
    {
        using var dir = new TempDirectory();
        var path = dir.File("file.txt", Content);
        File.SetLastWriteTimeUtc(path, FixedTime);
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["h"] = new() { AllowedMethods = ["GET", "POST"] } },
            map => map.Any("h", c => new(c.SendFileAsync(path)))));
        var etag = (await host.GetRawAsync("/h")).Header("ETag");

        var post = await host.RawAsync("POST", "/h", $"If-None-Match: {etag}\r\n", string.Empty);
        var postSince = await host.RawAsync("POST", "/h", $"If-Modified-Since: {Date(FixedTime.AddDays(1))}\r\n", string.Empty);
        var get = await host.RawAsync("GET", "/h", $"If-None-Match: {etag}\r\n");

        Assert.Equal(412, post.Status);
        Assert.Equal(200, postSince.Status);
        Assert.Equal(304, get.Status);
    }

    [Fact]
    public async Task HugeListOfETags_IsEvaluatedWithout500()
    {
        await using var files = await FilesAsync();
        var etag = await files.ETagAsync();
        var list = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"tag{i}\""));

        var ifMatch = await files.Host.RawAsync("GET", "/file.txt", $"If-Match: {list}, {etag}\r\n");
        var ifNoneMatch = await files.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {list}\r\n");

        Assert.Equal(200, ifMatch.Status);
        Assert.Equal(200, ifNoneMatch.Status);
    }

    [Theory]
    [InlineData("If-Match: \"\u00e9\"\r\n")]
    [InlineData("If-None-Match: \"a\u0001b\"\r\n")]
    [InlineData("If-Modified-Since: \u00ff\u00fe\r\n")]
    [InlineData("If-Range: \"\u00e9\"\r\nRange: bytes=0-1\r\n")]
    public async Task HostileValidatorHeaders_Get4xxOrAreIgnored_Never500(string header)
    {
        await using var files = await FilesAsync();

        var response = await files.Host.RawAsync("GET", "/file.txt", header);

        Assert.True(response.Status is 200 or (>= 400 and < 500), $"status {response.Status}");
    }

    private static string Format(string format, string etag) => string.Format(CultureInfo.InvariantCulture, format, etag);

    private static string Date(DateTime time) => time.ToString("r", CultureInfo.InvariantCulture);

    private static async Task<Files> FilesAsync()
    {
        var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("file.txt", Encoding.ASCII.GetBytes(Content)), FixedTime);
        return new Files(dir, await StaticFilesHost.StartAsync(dir.Path));
    }

    /// <summary>A 100-byte text file with a fixed modification time, served on its own.</summary>
    private sealed class Files(TempDirectory directory, TestHost host) : IAsyncDisposable
    {
        public TestHost Host { get; } = host;

        public async Task<string> ETagAsync() => (await Host.GetRawAsync("/file.txt")).Header("ETag")!;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            directory.Dispose();
        }
    }
}
