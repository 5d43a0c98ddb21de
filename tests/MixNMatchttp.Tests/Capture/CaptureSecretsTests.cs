using System.Text;
using System.Text.Json;
using MixNMatchttp.Capture;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Capture;

/// <summary>What the request capture shows of other clients' secrets, and who may see it.</summary>
public sealed class CaptureSecretsTests
{
    private const string Secrets = "Authorization: Basic dXNlcjpzM2NyZXQ=\r\nProxy-Authorization: Basic cHJveHk6cA==\r\nCookie: SESSION=abc123\r\n"
        + "Set-Cookie: SESSION=def456\r\nX-Other: kept\r\n";

    private const string Form = "username=alice&password=s3cret&New_Password=n3w&passwd=pw&note=kept&token=t0k";

    private const string Json = """{"username":"alice","password":"s3cret","nested":{"refresh_token":"r3f","keep":1},"list":[{"csrf_token":"csrf1"}],"access_token":{"a":["b"]}}""";

    [Fact]
    public async Task CredentialHeadersAndSecretFields_AreRedactedByDefault_InTheListAndTheLogFile()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "requests.jsonl");
        await using (var host = await CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { LogFile = logFile })))
        {
            await host.RawAsync("POST", "/hello?user=alice&password=q1&access%5Ftoken=q2&keep=q3", Secrets + "Content-Type: application/x-www-form-urlencoded\r\n", Form);
            await host.RawAsync("POST", "/hello", "Content-Type: application/json; charset=utf-8\r\n", Json);

            var listed = await CaptureHost.ListAsync(host);
            AssertRedacted(listed[0], listed[1]);
        }

        var lines = (await File.ReadAllLinesAsync(logFile)).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        AssertRedacted(lines[0], lines[1]);
        Assert.DoesNotContain("s3cret", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactSecretsOff_KeepsEverySecret_ForLabsThatCaptureStolenTokens()
    {
        var capture = new RequestCapture(new RequestCaptureOptions { RedactSecrets = false });
        await using var host = await CaptureHost.StartAsync(capture);
        await host.RawAsync("POST", "/hello?password=q1", Secrets + "Content-Type: application/x-www-form-urlencoded\r\n", Form);
        await host.RawAsync("POST", "/hello", "Content-Type: application/json\r\n", Json);

        var listed = await CaptureHost.ListAsync(host);
        Assert.Equal("/hello?password=q1", listed[0].GetProperty("target").GetString());
        Assert.Contains(("Authorization", "Basic dXNlcjpzM2NyZXQ="), Headers(listed[0]));
        Assert.Contains(("Cookie", "SESSION=abc123"), Headers(listed[0]));
        Assert.Equal(Form, Body(listed[0]));
        Assert.Equal(Json, Body(listed[1]));
    }

    [Theory]
    [InlineData("{\"a\":1,\"password\":\"s3cr", "{\"a\":1,\"password\":\"[redacted]\"")]
    [InlineData("{\"a\":1,\"password\": \"s3:cr", "{\"a\":1,\"password\": \"[redacted]\"")]
    [InlineData("{\"a\":1,\"password\":", "{\"a\":1,\"password\":\"[redacted]\"")]
    [InlineData("{\"token\":{\"x\":[\"s3cr", "{\"token\":\"[redacted]\"")]
    public async Task CutJsonBody_EndingInASecret_IsRedactedToItsEnd(string sent, string kept)
    {
        var capture = new RequestCapture(new RequestCaptureOptions { MaxBodyBytes = Encoding.UTF8.GetByteCount(sent) });
        await using var host = await CaptureHost.StartAsync(capture);
        await host.RawAsync("POST", "/hello", "Content-Type: application/json\r\n", sent + "et\"}");

        var captured = Assert.Single(capture.Requests);
        Assert.Equal(kept, Encoding.UTF8.GetString(captured.Body.Span));
        Assert.True(captured.Truncated);
        Assert.Equal(Encoding.UTF8.GetByteCount(sent) + 4, captured.BodyLength);
    }

    [Fact]
    public async Task InvalidJsonBody_NamingASecretField_IsRedactedWhole()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        await host.RawAsync("POST", "/hello", "Content-Type: application/json\r\n", """{"password": s3cret}""");
        await host.RawAsync("POST", "/hello", "Content-Type: application/json\r\n", """{"note": kept}""");

        Assert.Equal(["[redacted]", """{"note": kept}"""], capture.Requests.Select(r => Encoding.UTF8.GetString(r.Body.Span)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NewLogFile_IsReadableByItsOwnerOnly()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "requests.jsonl");
        await using (var host = await CaptureHost.StartAsync(new RequestCapture(new RequestCaptureOptions { LogFile = logFile })))
        {
            await host.Client.GetAsync("/hello");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(logFile));
    }

    [Fact]
    public async Task LogFile_HoldsEveryCapture_OnceTheServerIsDisposed()
    {
        using var dir = new TempDirectory();
        var logFile = Path.Join(dir.Path, "requests.jsonl");
        var capture = new RequestCapture(new RequestCaptureOptions { LogFile = logFile, MaxRequests = 500 });
        await using (var host = await CaptureHost.StartAsync(capture))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => host.Client.GetAsync($"/hello?n={i}")));
        }

        var ids = (await File.ReadAllLinesAsync(logFile)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task CaptureEndpoints_DeniedByAModule_KeepAnonymousClientsOut()
    {
        var guard = new TestModule(new())
        {
            Deny = c => new(c.Path.StartsWith("/requests", StringComparison.Ordinal) && c.Request.Headers.Authorization != "Bearer lab-key"
                ? new Denial(401, null, "log in first")
                : null),
        };
        await using var host = await TestHost.StartAsync(new RequestCapture(), guard);
        await host.Client.GetAsync("/anything");

        var list = await host.GetRawAsync("/requests");
        var stream = await host.GetRawAsync("/requests/stream");
        var allowed = await host.RawAsync("GET", "/requests", "Authorization: Bearer lab-key\r\n");

        Assert.Equal((401, "Unauthorized: log in first\n"), (list.Status, list.Text));
        Assert.Equal((401, "Unauthorized: log in first\n"), (stream.Status, stream.Text));
        Assert.Equal(200, allowed.Status);
        Assert.Contains("\"target\":\"/anything\"", allowed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureEndpoints_UnderDenyPaths_Are404LikeAMissingFile()
    {
        await using var host = await TestHost.StartAsync(new RequestCapture(), new DenyPaths(new DenyPathsOptions { Patterns = ["/requests"] }));

        Assert.Equal(404, (await host.GetRawAsync("/requests")).Status);
        Assert.Equal(404, (await host.GetRawAsync("/requests/stream")).Status);
    }

    private static void AssertRedacted(JsonElement form, JsonElement json)
    {
        Assert.Equal("/hello?user=alice&password=[redacted]&access%5Ftoken=[redacted]&keep=q3", form.GetProperty("target").GetString());
        var headers = Headers(form);
        Assert.Contains(("Authorization", "[redacted]"), headers);
        Assert.Contains(("Proxy-Authorization", "[redacted]"), headers);
        Assert.Contains(("Cookie", "[redacted]"), headers);
        Assert.Contains(("Set-Cookie", "[redacted]"), headers);
        Assert.Contains(("X-Other", "kept"), headers);
        Assert.Equal("username=alice&password=[redacted]&New_Password=[redacted]&passwd=[redacted]&note=kept&token=[redacted]", Body(form));
        Assert.Equal(
            """{"username":"alice","password":"[redacted]","nested":{"refresh_token":"[redacted]","keep":1},"list":[{"csrf_token":"[redacted]"}],"access_token":"[redacted]"}""",
            Body(json));
        Assert.Equal(Encoding.UTF8.GetByteCount(Json), json.GetProperty("bodyLength").GetInt64());
        Assert.False(json.GetProperty("truncated").GetBoolean());
    }

    private static List<(string, string)> Headers(JsonElement request) =>
        [.. request.GetProperty("headers").EnumerateArray().Select(h => (h.GetProperty("name").GetString()!, h.GetProperty("value").GetString()!))];

    private static string Body(JsonElement request) => Encoding.UTF8.GetString(request.GetProperty("body").GetBytesFromBase64());
}
