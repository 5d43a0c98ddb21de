using Xunit.Abstractions;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The SOP/CORS matrix page in headless Chromium: which ways of reading the target's two secrets work, from
/// which origin, under which CORS answer (columns: echo + creds, echo, * + creds, *, none).</summary>
[Collection(BrowserLabs.Name)]
public sealed class SopMatrixTests(LabFixture fixture, ITestOutputHelper output)
{
    private const string Text = "secret.txt: ";
    private const string Image = "secret.png: ";

    private static readonly string[] Columns = ["echo + creds", "echo", "* + creds", "*", "none"];

    /// <summary>The cookie reaches the target: only credentialed CORS reads with the origin echoed and credentials
    /// allowed succeed; the same-origin and omit fetches carry no cookie (401, readable when CORS allows it). An image
    /// of the text file does not load.</summary>
    private static readonly string[] WithCookie =
    [
        Text + "XHR GET (withCredentials): read blocked blocked blocked blocked",
        Text + "XHR POST JSON (withCredentials, preflighted): read blocked blocked blocked blocked",
        Text + "fetch GET, credentials: include: read blocked blocked blocked blocked",
        Text + "fetch GET, credentials: same-origin: error error error error blocked",
        Text + "fetch GET, credentials: omit: error error error error blocked",
        Text + "iframe: blocked blocked blocked blocked blocked",
        Text + "object: blocked blocked blocked blocked blocked",
        Text + "img → canvas: error error error error error",
        Text + "img crossorigin=use-credentials → canvas: error error error error error",
        Text + "img → ImageBitmap → canvas: error error error error error",
        Text + "img crossorigin=use-credentials → ImageBitmap → canvas: error error error error error",
        Image + "XHR GET (withCredentials): read blocked blocked blocked blocked",
        Image + "XHR POST JSON (withCredentials, preflighted): read blocked blocked blocked blocked",
        Image + "fetch GET, credentials: include: read blocked blocked blocked blocked",
        Image + "fetch GET, credentials: same-origin: error error error error blocked",
        Image + "fetch GET, credentials: omit: error error error error blocked",
        Image + "iframe: blocked blocked blocked blocked blocked",
        Image + "object: blocked blocked blocked blocked blocked",
        Image + "img → canvas: blocked blocked blocked blocked blocked",
        Image + "img crossorigin=use-credentials → canvas: read error error error error",
        Image + "img → ImageBitmap → canvas: blocked blocked blocked blocked blocked",
        Image + "img crossorigin=use-credentials → ImageBitmap → canvas: read error error error error",
    ];

    /// <summary>No cookie reaches the target: every request is anonymous (401), and nothing is read.</summary>
    private static readonly string[] WithoutCookie =
    [
        Text + "XHR GET (withCredentials): error blocked blocked blocked blocked",
        Text + "XHR POST JSON (withCredentials, preflighted): error blocked blocked blocked blocked",
        Text + "fetch GET, credentials: include: error blocked blocked blocked blocked",
        Text + "fetch GET, credentials: same-origin: error error error error blocked",
        Text + "fetch GET, credentials: omit: error error error error blocked",
        Text + "iframe: blocked blocked blocked blocked blocked",
        Text + "object: error error error error error",
        Text + "img → canvas: error error error error error",
        Text + "img crossorigin=use-credentials → canvas: error error error error error",
        Text + "img → ImageBitmap → canvas: error error error error error",
        Text + "img crossorigin=use-credentials → ImageBitmap → canvas: error error error error error",
        Image + "XHR GET (withCredentials): error blocked blocked blocked blocked",
        Image + "XHR POST JSON (withCredentials, preflighted): error blocked blocked blocked blocked",
        Image + "fetch GET, credentials: include: error blocked blocked blocked blocked",
        Image + "fetch GET, credentials: same-origin: error error error error blocked",
        Image + "fetch GET, credentials: omit: error error error error blocked",
        Image + "iframe: blocked blocked blocked blocked blocked",
        Image + "object: error error error error error",
        Image + "img → canvas: error error error error error",
        Image + "img crossorigin=use-credentials → canvas: error error error error error",
        Image + "img → ImageBitmap → canvas: error error error error error",
        Image + "img crossorigin=use-credentials → ImageBitmap → canvas: error error error error error",
    ];

    [Fact]
    public async Task SameSite_ReadsOnlyWithTheOriginEchoedAndCredentialsAllowed()
    {
        var lab = fixture.Lab;
        var table = await RunAsync(lab, lab.SameSite, "sop-same-site");
        Assert.Equal(WithCookie, table.Outcomes);
        Assert.Equal("lab-secret-7f3a9c2e: you read the target's secret", table.Detail(Text + "fetch GET, credentials: include", 0));
        Assert.Equal("32x16, first pixel rgba(200, 30, 40, 255)", table.Detail(Image + "img crossorigin=use-credentials → canvas", 0));
        Assert.Equal("HTTP 401", table.Detail(Text + "fetch GET, credentials: omit", 0));
        Assert.Equal("106 bytes of image/png", table.Detail(Image + "XHR GET (withCredentials)", 0));
        Assert.Equal("HTTP 200, but not an image (error event)", table.Detail(Text + "img crossorigin=use-credentials → canvas", 0));
        await ServerRecords.AssertResultKeptAsync(lab, table);

        // Every request of the run is in the request log, tagged with the run id: the login, the way back, each probe.
        var tagged = (await ServerRecords.RequestsOfRunAsync(lab, table.Run)).Select(request => request.Target).ToList();
        Assert.True(tagged.Count(target => target.StartsWith("/secret/secret.txt?", StringComparison.Ordinal)) >= 55, string.Join('\n', tagged));
        Assert.True(tagged.Count(target => target.StartsWith("/secret/secret.png?", StringComparison.Ordinal)) >= 55, string.Join('\n', tagged));
        Assert.Contains(tagged, target => target.StartsWith("/login?", StringComparison.Ordinal));
        Assert.Contains(tagged, target => target.StartsWith("/lab/sop.html?", StringComparison.Ordinal) && target.Contains("login=done", StringComparison.Ordinal));
        Assert.Contains(tagged, target => target.StartsWith("/lab/results?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrossSite_ReadsNothing_TheCookieWithoutSameSiteIsLax()
    {
        var lab = fixture.Lab;
        var table = await RunAsync(lab, lab.CrossSite, "sop-cross-site");
        Assert.Equal(WithoutCookie, table.Outcomes);
        await ServerRecords.AssertResultKeptAsync(lab, table);
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
        var crossSite = await RunAsync(lab, lab.CrossSite, "sop-cross-site-samesite-none");
        Assert.Equal(WithoutCookie, crossSite.Outcomes);
        await ServerRecords.AssertResultKeptAsync(lab, crossSite);
        Assert.Equal(WithCookie, (await RunAsync(lab, lab.SameSite, "sop-same-site-samesite-none")).Outcomes);
    }

    /// <summary>"Run again" logs in again and starts a new run: a second result, under another run id, reaches the
    /// server, and the new run's requests carry its own id.</summary>
    [Fact]
    public async Task RunAgain_StartsANewRun_WhoseResultReachesTheServer()
    {
        var lab = fixture.Lab;
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var first = await Browser.RunAsync(page, PageUrl(lab, lab.SameSite), "sop-run-1", output);
        var second = await Browser.RerunAsync(page, "sop-run-2", output);
        Assert.NotEqual(first.Run, second.Run);
        Assert.Equal(WithCookie, second.Outcomes);
        await ServerRecords.AssertResultKeptAsync(lab, first);
        await ServerRecords.AssertResultKeptAsync(lab, second);
        Assert.Contains(await ServerRecords.RequestsOfRunAsync(lab, second.Run), request => request.Target.StartsWith("/login?", StringComparison.Ordinal));
    }

    private async Task<LabTable> RunAsync(LabServer lab, string from, string screenshot)
    {
        var table = await fixture.Browser.RunAsync(PageUrl(lab, from), screenshot, output);
        Assert.Equal(Columns, table.Columns);
        Assert.StartsWith("Done", table.Status, StringComparison.Ordinal);
        return table;
    }

    private static string PageUrl(LabServer lab, string from) => $"{from}/lab/sop.html?target={Uri.EscapeDataString(lab.Target)}";
}
