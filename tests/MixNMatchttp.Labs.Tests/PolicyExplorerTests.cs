using System.Net;
using Xunit.Abstractions;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The CORS policy explorer: in headless Chromium from both attackers' origins, and its answers to origins a
/// browser cannot forge (sent over HTTP with any Origin).</summary>
[Collection(BrowserLabs.Name)]
public sealed class PolicyExplorerTests(LabFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Columns =
        ["GET, credentials: include", "GET, credentials: omit", "POST JSON, credentials: include (preflighted)", "GET from a sandboxed frame (Origin: null), credentials: include"];

    private static readonly string[] SameSiteOutcomes =
    [
        "allowlist: blocked blocked blocked blocked",
        "wildcard-credentials: blocked error blocked blocked",
        "reflect-null: blocked blocked blocked error",
        "suffix: read error read blocked",
        "prefix: read error read blocked",
        "regex: read error read blocked",
        "no-vary: read error read error",
        "preflight-only: blocked blocked blocked blocked",
    ];

    [Fact]
    public async Task SameSite_TheLooseMatchesLetTheAttackerRead_TheAllowlistDoesNot()
    {
        var table = await RunAsync(fixture.Lab.SameSite, "policies-same-site");
        Assert.Equal(SameSiteOutcomes, table.Outcomes);
        Assert.StartsWith("lab-secret-7f3a9c2e", table.Detail("suffix", 0), StringComparison.Ordinal);
        Assert.Contains("preflight: the preflight from " + fixture.Lab.SameSite + " is allowed; POST: the actual request gets no CORS headers (it still runs on the server)",
            table.Detail("preflight-only", 2), StringComparison.Ordinal);
        await ServerRecords.AssertResultKeptAsync(fixture.Lab, table);
    }

    /// <summary>"Run again" logs in again and starts a new run, whose result reaches the server under its own id.</summary>
    [Fact]
    public async Task RunAgain_StartsANewRun_WhoseResultReachesTheServer()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var first = await Browser.RunAsync(page, PageUrl(fixture.Lab.SameSite), "policies-run-1", output);
        var second = await Browser.RerunAsync(page, "policies-run-2", output);
        Assert.NotEqual(first.Run, second.Run);
        Assert.Equal(SameSiteOutcomes, second.Outcomes);
        await ServerRecords.AssertResultKeptAsync(fixture.Lab, second);
    }

    [Fact]
    public async Task CrossSite_NoCookieGoesAlong_NothingIsRead()
    {
        var table = await RunAsync(fixture.Lab.CrossSite, "policies-cross-site");
        Assert.Equal(
            [
                "allowlist: blocked blocked blocked blocked",
                "wildcard-credentials: blocked error blocked blocked",
                "reflect-null: blocked blocked blocked error",
                "suffix: blocked blocked blocked blocked",
                "prefix: blocked blocked blocked blocked",
                "regex: blocked blocked blocked blocked",
                "no-vary: error error error error",
                "preflight-only: blocked blocked blocked blocked",
            ],
            table.Outcomes);
        Assert.Contains("the host of " + fixture.Lab.CrossSite + " does not end with 127.0.0.1", table.Detail("suffix", 0), StringComparison.Ordinal);
        await ServerRecords.AssertResultKeptAsync(fixture.Lab, table);
    }

    [Theory]
    [InlineData("suffix", "http://evil-127.0.0.1", "suffix: the host evil-127.0.0.1 ends with 127.0.0.1 (scheme, port and the dot before it unchecked: evil-127.0.0.1 passes)")]
    [InlineData("prefix", "http://127.0.0.1.evil.example", "prefix: http://127.0.0.1.evil.example starts with http://127.0.0.1 (http://127.0.0.1.evil.example passes too)")]
    [InlineData("regex", "https://127a0b0c1.evil.example", "regex: https://127a0b0c1.evil.example matches ^https?://127.0.0.1 (dots unescaped, no end anchor)")]
    [InlineData("reflect-null", "null", "reflect-null: the null origin (sandboxed frames, file: pages, redirects) is trusted")]
    public async Task TheBrokenPolicies_AllowOriginsNoBrowserShouldTrust(string policy, string origin, string rule)
    {
        using var response = await GetAsync(policy, origin);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(rule, Header(response, "X-Mix-Cors-Decision"));
        Assert.Equal("X-Mix-Cors-Decision", Header(response, "Access-Control-Expose-Headers"));
        Assert.Equal("Origin", Header(response, "Vary"));
    }

    [Fact]
    public async Task NoVary_ReflectsAnyOrigin_WithoutVary_AndCacheable()
    {
        using var response = await GetAsync("no-vary", "https://anyone.example");
        Assert.Equal("https://anyone.example", Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Vary"));
        Assert.Equal("public, max-age=600", Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task Allowlist_AllowsOnlyTheSitesOwnOrigin()
    {
        using var own = await GetAsync("allowlist", fixture.Lab.OtherScheme);
        Assert.Equal(fixture.Lab.OtherScheme, Header(own, "Access-Control-Allow-Origin"));
        using var other = await GetAsync("allowlist", "http://evil-127.0.0.1");
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
        Assert.Equal($"allowlist: http://evil-127.0.0.1 is not listed (only {fixture.Lab.OtherScheme} is)", Header(other, "X-Mix-Cors-Decision"));
    }

    [Fact]
    public async Task PreflightOnly_AllowsThePreflight_NotTheRequest()
    {
        using var client = fixture.Lab.Client();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/lab/policy/preflight-only/secret") { Headers = { { "Origin", "https://a.example" }, { "Access-Control-Request-Method", "POST" } } };
        using var allowed = await client.SendAsync(preflight);
        Assert.Equal("https://a.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, POST", Header(allowed, "Access-Control-Allow-Methods"));
        using var request = await GetAsync("preflight-only", "https://a.example");
        Assert.Null(Header(request, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/lab/policy/nonsense/secret")]
    [InlineData("/lab/policy/suffix/other")]
    [InlineData("/lab/policy/suffix/secret/more")]
    public async Task UnknownPolicyOrPath_IsNotFound_WithoutADecision(string path)
    {
        using var client = fixture.Lab.Client();
        using var login = await client.GetAsync("/login?username=a&password=b");
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Origin", "https://a.example" }, { "Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0] } } };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnOriginThatIsNotAHeaderValue_IsNeverEchoed()
    {
        var response = await RawHttp.SendAsync(fixture.Lab.HttpPort,
            "GET /lab/policy/no-vary/secret HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://\u00e9vil.example\r\nConnection: close\r\n\r\n");
        Assert.Equal(401, response.Status);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("no-vary: no Origin", response.Header("X-Mix-Cors-Decision"));
    }

    private async Task<LabTable> RunAsync(string from, string screenshot)
    {
        var table = await fixture.Browser.RunAsync(PageUrl(from), screenshot, output);
        Assert.Equal(Columns, table.Columns);
        return table;
    }

    private string PageUrl(string from) => $"{from}/lab/policies.html?target={Uri.EscapeDataString(fixture.Lab.Target)}";

    private async Task<HttpResponseMessage> GetAsync(string policy, string origin)
    {
        using var client = fixture.Lab.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/lab/policy/{policy}/secret") { Headers = { { "Origin", origin } } };
        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values) ? values.ToString() : null;
}
