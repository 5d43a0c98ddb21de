namespace MixNMatchttp.Labs.Tests;

/// <summary>The CSRF lab in headless Chromium: a victim logged in on the target follows a link to an attacker's page.</summary>
[Collection(BrowserLabs.Name)]
public sealed class CsrfTests(LabFixture fixture)
{
    private const string Secret = "lab-secret-7f3a9c2e: you read the target's secret";

    [Fact]
    public async Task SameSiteAttacker_StealsTheSecret_WithTheVictimsCookie()
    {
        var table = await RunAsync(fixture.Lab, fixture.Lab.SameSite, "csrf-same-site");
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
    }

    [Fact]
    public async Task CrossSiteAttacker_StealsNothing_TheLaxCookieStaysHome()
    {
        var table = await RunAsync(fixture.Lab, fixture.Lab.CrossSite, "csrf-cross-site");
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
    }

    private async Task<LabTable> RunAsync(LabServer lab, string attacker, string screenshot)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var started = DateTime.UtcNow;
        await page.GotoAsync($"{lab.Target}/lab/csrf-victim.html?attacker={Uri.EscapeDataString(attacker)}");
        await page.ClickAsync("#bait");
        await Browser.WaitDoneAsync(page, started);
        return await Browser.TableAsync(page, screenshot);
    }
}
