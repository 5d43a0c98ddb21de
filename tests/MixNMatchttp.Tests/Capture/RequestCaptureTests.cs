using System.Net;
using System.Text;
using System.Text.Json;
using MixNMatchttp.Capture;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Capture;

public sealed class RequestCaptureTests
{
    [Fact]
    public async Task BinaryBody_RoundTripsExactly_AsBase64()
    {
        var body = Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray();
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/hello", content)).StatusCode);

        var listed = Assert.Single(await CaptureHost.ListAsync(host));
        Assert.Equal(body, listed.GetProperty("body").GetBytesFromBase64());
        Assert.Equal(512, listed.GetProperty("bodyLength").GetInt64());
        Assert.False(listed.GetProperty("truncated").GetBoolean());
        Assert.Equal(body, Assert.Single(capture.Requests).Body.ToArray());
    }

    [Fact]
    public async Task LongBody_IsCutAtTheCap_AndMarkedTruncated()
    {
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 10)));
        await using var host = await CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { MaxBodyBytes = 10 }));
        await host.Client.PostAsync("/hello", new ByteArrayContent(body) { Headers = { ContentType = new("text/plain") } });

        var listed = Assert.Single(await CaptureHost.ListAsync(host));
        Assert.Equal("0123456789", Encoding.ASCII.GetString(listed.GetProperty("body").GetBytesFromBase64()));
        Assert.Equal(100, listed.GetProperty("bodyLength").GetInt64());
        Assert.True(listed.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task TargetAndHeaders_AreRecordedAsSent()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        const string Target = "/a/../b/%2e%2E/c/.%2e/%2F?x=%2e&y=..#frag";
        await host.RawAsync("GET", Target, "X-Custom: One\r\nX-MiXeD-Case: v a l\r\nX-Custom: Two\r\nX-Later: last\r\n");

        var listed = Assert.Single(await CaptureHost.ListAsync(host));
        Assert.Equal(Target, listed.GetProperty("target").GetString());
        Assert.Equal("GET", listed.GetProperty("method").GetString());
        Assert.Equal("HTTP/1.1", listed.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", listed.GetProperty("client").GetString());
        Assert.InRange(listed.GetProperty("clientPort").GetInt32(), 1, 65535);
        Assert.Equal("2030-01-02T03:04:05+00:00", listed.GetProperty("time").GetString());
        Assert.Equal(1, listed.GetProperty("id").GetInt64());
        Assert.Equal(string.Empty, listed.GetProperty("body").GetString());

        var headers = listed.GetProperty("headers").EnumerateArray().Select(h => (h.GetProperty("name").GetString(), h.GetProperty("value").GetString())).ToList();
        Assert.Contains(("Host", $"127.0.0.1:{host.Port}"), headers);
        var custom = headers.Where(h => h.Item1 is "X-Custom" or "X-MiXeD-Case" or "X-Later").ToList();
        Assert.Equal([("X-Custom", "One"), ("X-Custom", "Two"), ("X-MiXeD-Case", "v a l"), ("X-Later", "last")], custom);
        Assert.Equal(CaptureHost.Now, Assert.Single(capture.Requests).Time);
    }

    [Fact]
    public async Task RingBuffer_KeepsTheLastRequests_NewestLast()
    {
        var capture = new RequestCapture(new RequestCaptureOptions { MaxRequests = 3 });
        await using var host = await CaptureHost.StartAsync(capture);
        for (var i = 1; i <= 5; i++)
        {
            await host.Client.GetAsync($"/r{i}");
        }

        var listed = await CaptureHost.ListAsync(host);
        Assert.Equal(["/r3", "/r4", "/r5"], listed.Select(r => r.GetProperty("target").GetString()));
        Assert.Equal([3L, 4L, 5L], listed.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(["/r3", "/r4", "/r5"], capture.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task LogFile_GetsOneJsonLinePerRequest_AndIsAppendedTo()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "logs", "requests.jsonl");
        await using (var host = await CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { LogFile = logFile })))
        {
            await host.Client.GetAsync("/one");
            await host.Client.PostAsync("/hello", new StringContent("line 1\nline 2\r\n", Encoding.UTF8, "text/plain"));
            await host.Client.GetAsync("/requests");
            await host.RawAsync("GET", "/three?q=%0d%0a");
        }

        // the lines are written in the background: all of them are there once the server is disposed
        var lines = ReadLines(logFile);
        Assert.Equal(["/one", "/hello", "/three?q=%0d%0a"], lines.Select(line => Target(line)));
        Assert.Equal("line 1\nline 2\r\n", Encoding.UTF8.GetString(Convert.FromBase64String(Property(lines[1], "body"))));

        await using (var again = await CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { LogFile = logFile })))
        {
            await again.Client.GetAsync("/four");
        }

        Assert.Equal(["/one", "/hello", "/three?q=%0d%0a", "/four"], ReadLines(logFile).Select(line => Target(line)));
    }

    [Fact]
    public async Task LogFile_RotatesAsItsLogRotationSays()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "requests.jsonl");
        var options = new RequestCaptureOptions { LogFile = logFile, LogRotation = new() { MaxBytes = 1, Keep = 2 } };
        await using (var host = await CaptureHost.StartAsync(new RequestCapture(options)))
        {
            foreach (var path in new[] { "/one", "/two", "/three", "/four" })
            {
                await host.Client.GetAsync(path);
            }
        }

        Assert.Equal(["/four"], ReadLines(logFile).Select(line => Target(line)));
        Assert.Equal(["/three"], ReadLines(logFile + ".1").Select(line => Target(line)));
        Assert.Equal(["/two"], ReadLines(logFile + ".2").Select(line => Target(line)));
        Assert.False(File.Exists(logFile + ".3"));
    }

    [Fact]
    public async Task ConcurrentRequests_AreAllCaptured_WithDistinctNumbers_AndWholeLogLines()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "requests.jsonl");
        var capture = new RequestCapture(new RequestCaptureOptions { LogFile = logFile });
        await using (var host = await CaptureHost.StartAsync(capture))
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.Client.PostAsync($"/hello?n={i}", new StringContent(new string('x', i * 100)))));
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), capture.Requests.Select(r => r.Id));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"/hello?n={i}").Order(), capture.Requests.Select(r => r.Target).Order());
        var lines = ReadLines(logFile);
        Assert.Equal(capture.Requests.Select(r => r.Target), lines.Select(line => Target(line)));
    }

    [Fact]
    public async Task OwnEndpoints_AreNotCaptured_UnlessAsked()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        await host.Client.GetAsync("/requests");
        await host.Client.GetAsync("/requests/");
        await host.GetRawAsync("//REQUESTS/.");
        await host.RawAsync("HEAD", "/requests/stream");
        await host.Client.GetAsync("/hello");
        await CaptureHost.CapturedAsync(capture, 1);
        Assert.Equal(["/hello"], capture.Requests.Select(r => r.Target));

        var all = new RequestCapture(new RequestCaptureOptions { CaptureOwnEndpoints = true });
        await using var host2 = await CaptureHost.StartAsync(all);
        await host2.Client.GetAsync("/requests");
        await CaptureHost.CapturedAsync(all, 1);
        Assert.Equal(["/requests"], all.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task OwnEndpoints_UnderAnEndpointPrefix_AreNotCapturedEither()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture, new MixServerOptions { EndpointPrefix = "/api" });
        Assert.Empty(await CaptureHost.ListAsync(host, "/api/requests"));
        await host.Client.GetAsync("/api/hello");
        await CaptureHost.CapturedAsync(capture, 1);
        Assert.Equal(["/api/hello"], capture.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task BasePath_MovesTheEndpoints_AndLeavesItsParentAlone()
    {
        var capture = new RequestCapture(new RequestCaptureOptions { BasePath = "/debug/captured" });
        await using var host = await CaptureHost.StartAsync(capture);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/debug")).StatusCode);
        var listed = await CaptureHost.ListAsync(host, "/debug/captured");
        Assert.Equal(["/requests", "/debug"], listed.Select(r => r.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task WithoutEndpoints_TheyAreNotServed_ButRequestsAreStillKept()
    {
        var capture = new RequestCapture(new RequestCaptureOptions { ServeEndpoints = false });
        await using var host = await CaptureHost.StartAsync(capture);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/requests")).StatusCode);
        await CaptureHost.CapturedAsync(capture, 1);
        Assert.Equal(["/requests"], capture.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task List_IsJsonThatIsNeverCached()
    {
        await using var host = await CaptureHost.StartAsync(new RequestCapture());
        var response = await host.Client.GetAsync("/requests");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeniedRequests_AreCaptured_WhereverTheCaptureStands()
    {
        var capture = new RequestCapture();
        await using var host = await TestHost.StartAsync(new DenyPaths(new DenyPathsOptions { Patterns = ["/secret"] }), capture);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/secret/x")).StatusCode);
        await CaptureHost.CapturedAsync(capture, 1);
        Assert.Equal(["/secret/x"], capture.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task RequestsTheServerRefuses_AreCapturedToo_WithTheirTargetAndBody()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        Assert.Equal(400, (await host.GetRawAsync("/%ff")).Status);
        Assert.Equal(400, (await host.RawAsync("POST", "/hello", "Content-Type: application/json\r\n", "{not json")).Status);
        await CaptureHost.CapturedAsync(capture, 1);
        var captured = capture.Requests;
        Assert.Equal(["/%ff", "/hello"], captured.Select(r => r.Target));
        Assert.Equal("{not json", Encoding.UTF8.GetString(captured[1].Body.Span));
    }

    [Theory]
    [InlineData(0, 10, 1, "/requests", "MaxRequests must be at least 1")]
    [InlineData(1, -1, 1, "/requests", "MaxBodyBytes cannot be negative")]
    [InlineData(1, 10, 0, "/requests", "StreamQueueCapacity must be at least 1")]
    [InlineData(1, 10, 1, "requests", "BasePath must be a canonical path")]
    [InlineData(1, 10, 1, "/", "BasePath must be a canonical path")]
    [InlineData(1, 10, 1, "/a/../b", "BasePath must be a canonical path")]
    [InlineData(1, 10, 1, "/a/*", "BasePath must be a canonical path")]
    [InlineData(1, 10, 1, "/a b", "BasePath must be a canonical path")]
    public void InvalidOptions_AreAStartupError(int maxRequests, int maxBody, int queue, string basePath, string message)
    {
        var options = new RequestCaptureOptions { MaxRequests = maxRequests, MaxBodyBytes = maxBody, StreamQueueCapacity = queue, BasePath = basePath };
        var error = Assert.Throws<MixConfigurationException>(() => CaptureHost.Build(new RequestCapture(options)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableLogFile_IsAStartupError()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a-file", "not a directory");
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { LogFile = Path.Join(file, "requests.jsonl") })));
        Assert.StartsWith("RequestCaptureOptions.LogFile: cannot open", error.Message, StringComparison.Ordinal);
    }

    private static List<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string Property(string line, string name)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    private static string Target(string line) => Property(line, "target");
}
