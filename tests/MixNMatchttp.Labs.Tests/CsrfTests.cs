using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The CSRF lab in headless Chromium: a victim logged in on the target follows a link to an attacker's page.</summary>
[Collection(BrowserLabs.Name)]
public sealed class CsrfTests(LabFixture fixture, ITestOutputHelper output)
{
    private const string Secret = "lab-secret-7f3a9c2e: you read the target's secret";
    private const string Steal = "/secret/secret.txt?origin=%7BECHO%7D&creds=1&lab-run=";

    [Fact]
    public async Task SameSiteAttacker_StealsTheSecret_WithTheVictimsCookie()
    {
        var lab = fixture.Lab;
        var table = await RunAsync(lab, lab.SameSite, "csrf-same-site");
        Assert.Equal(
            [
                "forged form POST to the target: ok",
                "the forged POST's cookie (request log): ok",
                "credentialed fetch of the secret (CORS echo + creds): read",
                "exfiltration to the attacker's page cache: ok",
                "stolen: read",
            ],
            table.Outcomes);
        Assert.Equal(Secret, table.Detail("stolen", 0));
        await ServerRecords.AssertResultKeptAsync(lab, table);

        // The victim's way in and every step of the theft are in the request log under the run id, with the cookie.
        var requests = await ServerRecords.RequestsOfRunAsync(lab, table.Run);
        Assert.Contains(requests, request => request.Target.StartsWith("/login?", StringComparison.Ordinal));
        Assert.Contains(requests, request => request.Target.StartsWith("/lab/csrf-victim.html?", StringComparison.Ordinal) && request.Target.Contains("login=done", StringComparison.Ordinal));
        Assert.Contains(requests, request => request.Target.StartsWith("/lab/csrf.html?", StringComparison.Ordinal));
        Assert.Contains(requests, request => request is { Method: "POST", Cookie: true } && request.Target.StartsWith("/secret/secret.txt?forged=form&", StringComparison.Ordinal));
        Assert.Contains(requests, request => request is { Method: "GET", Cookie: true } && request.Target == Steal + table.Run);
        Assert.Contains(requests, request => request.Method == "POST" && request.Target == $"/cache/csrf-{table.Run}?lab-run={table.Run}");
    }

    [Fact]
    public async Task CrossSiteAttacker_StealsNothing_TheLaxCookieStaysHome()
    {
        var lab = fixture.Lab;
        var table = await RunAsync(lab, lab.CrossSite, "csrf-cross-site");
        Assert.Equal(
            [
                "forged form POST to the target: ok",
                "the forged POST's cookie (request log): failed",
                "credentialed fetch of the secret (CORS echo + creds): error",
                "exfiltration to the attacker's page cache: failed",
                "stolen: failed",
            ],
            table.Outcomes);
        Assert.Equal("HTTP 401: no cookie reached the target", table.Detail("credentialed fetch of the secret (CORS echo + creds)", 0));
        await ServerRecords.AssertResultKeptAsync(lab, table);

        // The attempts are in the request log under the run id, without the victim's cookie.
        var requests = await ServerRecords.RequestsOfRunAsync(lab, table.Run);
        Assert.Contains(requests, request => request is { Method: "POST", Cookie: false } && request.Target.StartsWith("/secret/secret.txt?forged=form&", StringComparison.Ordinal));
        Assert.Contains(requests, request => request is { Method: "GET", Cookie: false } && request.Target == Steal + table.Run);
    }

    private async Task<LabTable> RunAsync(LabServer lab, string attacker, string screenshot)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{lab.Target}/lab/csrf-victim.html?attacker={Uri.EscapeDataString(attacker)}");
        await page.WaitForSelectorAsync("body[data-state=ready]", new PageWaitForSelectorOptions { Timeout = Browser.MillisecondsLeft(clock) });
        output.WriteLine($"{screenshot}: the victim's page is ready after {clock.Elapsed.TotalSeconds:F2} s; screenshot: {await Browser.ScreenshotAsync(page, screenshot + "-victim")}");
        await page.ClickAsync("#bait");
        return await Browser.TableAsync(page, clock, screenshot, output);
    }
}
