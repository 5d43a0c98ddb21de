using Xunit.Abstractions;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The evil-proxy lab in headless Chromium: the code leaks through /goto into the attacker's request log and
/// page cache.</summary>
[Collection(BrowserLabs.Name)]
public sealed class EvilProxyTests(LabFixture fixture, ITestOutputHelper output)
{
    private const string Secret = "lab-secret-7f3a9c2e: you read the target's secret";

    [Fact]
    public async Task CrossSiteAttacker_GetsTheCode_ThroughTheOpenRedirect()
    {
        var lab = fixture.Lab;
        var table = await fixture.Browser.RunAsync($"{lab.CrossSite}/lab/proxy.html?target={Uri.EscapeDataString(lab.Target)}", "proxy", output);
        Assert.Equal(
            [
                "landing page planted in the page cache: ok",
                "victim link (login, hand-off, /goto): ok",
                "code in the request log (the landing page's address): read",
                "code saved by the landing page in the page cache: read",
                "stolen: read",
            ],
            table.Outcomes);
        Assert.Equal(Secret, table.Detail("stolen", 0));
        await ServerRecords.AssertResultKeptAsync(lab, table);

        // The victim's trip is in the request log under the run id: the login, the hand-off, the /goto hop and the
        // landing visit both carrying the code, and the landing page saving it.
        // The browser sends the code as sso.html encoded it, and percent-encodes the ' that encodeURIComponent left.
        var code = "code=" + Uri.EscapeDataString(Secret);
        var landing = $"/cache/proxy-{table.Run}?lab-run={table.Run}";
        var requests = (await ServerRecords.RequestsOfRunAsync(lab, table.Run)).Select(request => $"{request.Method} {request.Target}").ToList();
        Assert.Contains(requests, request => request.StartsWith("GET /login?", StringComparison.Ordinal));
        Assert.Contains(requests, request => request.StartsWith("GET /lab/sso.html?", StringComparison.Ordinal));
        Assert.Contains($"GET /goto/{lab.CrossSite}{landing}&{code}", requests);
        Assert.Contains($"GET {landing}&{code}", requests);
        Assert.Contains($"POST /cache/proxy-{table.Run}-loot?lab-run={table.Run}", requests);
    }
}
