namespace MixNMatchttp.Labs.Tests;

/// <summary>The evil-proxy lab in headless Chromium: the code leaks through /goto into the attacker's request log and
/// page cache.</summary>
[Collection(BrowserLabs.Name)]
public sealed class EvilProxyTests(LabFixture fixture)
{
    [Fact]
    public async Task CrossSiteAttacker_GetsTheCode_ThroughTheOpenRedirect()
    {
        var lab = fixture.Lab;
        var table = await fixture.Browser.RunAsync($"{lab.CrossSite}/lab/proxy.html?target={Uri.EscapeDataString(lab.Target)}", "proxy");
        Assert.Equal(
            [
                "landing page planted in the page cache: ok",
                "victim link (login, hand-off, /goto): ok",
                "code in the request log (the landing page's address): read",
                "code saved by the landing page in the page cache: read",
                "stolen: read",
            ],
            table.Outcomes);
        Assert.Equal("lab-secret-7f3a9c2e: you read the target's secret", table.Detail("stolen", 0));
    }
}
