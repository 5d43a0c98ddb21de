using System.Text.Json;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The SOP/CORS matrix page in headless Chromium: which ways of reading the target's secret work, from which
/// origin, under which CORS answer (columns: echo + creds, echo, * + creds, *, none).</summary>
[Collection(BrowserLabs.Name)]
public sealed class SopMatrixTests(LabFixture fixture)
{
    private static readonly string[] Columns = ["echo + creds", "echo", "* + creds", "*", "none"];

    /// <summary>The cookie reaches the target: only credentialed CORS reads with the origin echoed and credentials
    /// allowed succeed; the same-origin and omit fetches carry no cookie (401, readable when CORS allows it).</summary>
    private static readonly string[] WithCookie =
    [
        "XHR GET (withCredentials): read blocked blocked blocked blocked",
        "XHR POST JSON (withCredentials, preflighted): read blocked blocked blocked blocked",
        "fetch GET, credentials: include: read blocked blocked blocked blocked",
        "fetch GET, credentials: same-origin: error error error error blocked",
        "fetch GET, credentials: omit: error error error error blocked",
        "iframe: blocked blocked blocked blocked blocked",
        "object: blocked blocked blocked blocked blocked",
        "img → canvas: blocked blocked blocked blocked blocked",
        "img crossorigin=use-credentials → canvas: read error error error error",
        "img → ImageBitmap → canvas: blocked blocked blocked blocked blocked",
        "img crossorigin=use-credentials → ImageBitmap → canvas: read error error error error",
    ];

    /// <summary>No cookie reaches the target: every request is anonymous (401), and nothing is read.</summary>
    private static readonly string[] WithoutCookie =
    [
        "XHR GET (withCredentials): error blocked blocked blocked blocked",
        "XHR POST JSON (withCredentials, preflighted): error blocked blocked blocked blocked",
        "fetch GET, credentials: include: error blocked blocked blocked blocked",
        "fetch GET, credentials: same-origin: error error error error blocked",
        "fetch GET, credentials: omit: error error error error blocked",
        "iframe: blocked blocked blocked blocked blocked",
        "object: error error error error error",
        "img → canvas: error error error error error",
        "img crossorigin=use-credentials → canvas: error error error error error",
        "img → ImageBitmap → canvas: error error error error error",
        "img crossorigin=use-credentials → ImageBitmap → canvas: error error error error error",
    ];

    [Fact]
    public async Task SameSite_ReadsOnlyWithTheOriginEchoedAndCredentialsAllowed()
    {
        var lab = fixture.Lab;
        var table = await RunAsync(lab, lab.SameSite, "sop-same-site");
        Assert.Equal(WithCookie, table.Outcomes);
        Assert.Equal("lab-secret-7f3a9c2e: you read the target's secret", table.Detail("fetch GET, credentials: include", 0));
        Assert.Equal("32x16, first pixel rgba(200, 30, 40, 255)", table.Detail("img crossorigin=use-credentials → canvas", 0));
        Assert.Equal("HTTP 401", table.Detail("fetch GET, credentials: omit", 0));

        // Every request of the run is in the request log, tagged with the run id.
        using var client = lab.Client();
        var tagged = JsonDocument.Parse(await client.GetStringAsync("/requests")).RootElement.EnumerateArray()
            .Select(request => request.GetProperty("target").GetString()!)
            .Where(target => target.Contains($"lab-run={table.Run}", StringComparison.Ordinal))
            .ToList();
        Assert.True(tagged.Count(target => target.StartsWith("/secret/secret.", StringComparison.Ordinal)) >= 55, string.Join('\n', tagged));
        Assert.Contains(tagged, target => target.StartsWith("/login?", StringComparison.Ordinal));
        Assert.Contains(tagged, target => target.StartsWith("/lab/results?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrossSite_ReadsNothing_TheCookieWithoutSameSiteIsLax()
    {
        var lab = fixture.Lab;
        Assert.Equal(WithoutCookie, (await RunAsync(lab, lab.CrossSite, "sop-cross-site")).Outcomes);
    }

    [Fact]
    public async Task AnotherSchemeOnTheSameHost_IsCrossSite_ReadsNothing()
    {
        var lab = fixture.Lab;
        Assert.Equal(WithoutCookie, (await RunAsync(lab, lab.OtherScheme, "sop-other-scheme")).Outcomes);
    }

    /// <summary>With <c>SameSite=None; Secure</c> the cookie is a third-party cookie cross-site, and Chromium (as
    /// Playwright launches it) blocks third-party cookies: still nothing is read. Same-site, it is sent as before.</summary>
    [Fact]
    public async Task SameSiteNone_CrossSite_StillReadsNothing_ThirdPartyCookiesAreBlocked()
    {
        var lab = fixture.LaxFree;
        Assert.Equal(WithoutCookie, (await RunAsync(lab, lab.CrossSite, "sop-cross-site-samesite-none")).Outcomes);
        Assert.Equal(WithCookie, (await RunAsync(lab, lab.SameSite, "sop-same-site-samesite-none")).Outcomes);
    }

    private async Task<LabTable> RunAsync(LabServer lab, string from, string screenshot)
    {
        var table = await fixture.Browser.RunAsync($"{from}/lab/sop.html?target={Uri.EscapeDataString(lab.Target)}", screenshot);
        Assert.Equal(Columns, table.Columns);
        Assert.StartsWith("Done", table.Status, StringComparison.Ordinal);
        return table;
    }
}
