using System.Text.Json.Nodes;
using MixNMatchttp.Cli.Lab;
using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Labs.Tests;

/// <summary>The origin map's logic: origins from listen URLs, and how a browser relates each attacker to the target.</summary>
public sealed class LabOriginsTests
{
    [Theory]
    [InlineData("https://127.0.0.1:58443", "https://127.0.0.1:58443")]
    [InlineData("https://LOCALHOST:58444/", "https://localhost:58444")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://example.test:443", "https://example.test")]
    [InlineData("https://127.0.0.1", null)]
    [InlineData("https://127.0.0.1:0", null)]
    [InlineData("ftp://127.0.0.1:21", null)]
    [InlineData("not a url", null)]
    public void Origin_IsWhatBrowsersSend_OrNullWithoutAPort(string url, string? origin) =>
        Assert.Equal(origin, LabOrigins.Origin(url));

    [Theory]
    [InlineData("https://127.0.0.1:1", "https://127.0.0.1:2", "same site, another origin")]
    [InlineData("https://127.0.0.1:1", "https://localhost:2", "cross-site")]
    [InlineData("https://127.0.0.1:1", "http://127.0.0.1:2", "cross-site: another scheme")]
    [InlineData("https://a.example.test:1", "https://b.example.test:1", "same site, another origin")]
    [InlineData("https://a.example.test:1", "https://a.other.test:1", "cross-site")]
    public void Relation_IsSchemefulSameSite(string target, string other, string relation) =>
        Assert.Equal(relation, LabOrigins.Relation(target, other));

    [Fact]
    public void TheFirstIsTheTarget_DuplicatesCountOnce()
    {
        var origins = new LabOrigins(["https://127.0.0.1:1", "https://localhost:2", "https://localhost:2/", "http://127.0.0.1:3"]);
        Assert.Equal("https://127.0.0.1:1", origins.Target);
        Assert.Equal(["https://localhost:2", "http://127.0.0.1:3"], origins.Attackers);
        Assert.Equal("https://localhost:2", origins.Start);
    }

    /// <summary><c>lab</c> without <c>--listen</c>: the settings the command serves with (as it reads them from an
    /// empty command line) hold the default origins, the target first.</summary>
    [Fact]
    public void WithoutListen_TheTargetIsHttps127_0_0_1_58443_TheAttackersLocalhostAndHttp()
    {
        var reader = new SettingReader(new JsonObject(), null);
        var settings = new LabVariant().Apply(ServeSettings.Read(reader), reader);
        Assert.Empty(reader.Problems);
        var origins = new LabOrigins(settings.Listen);
        Assert.Equal("https://127.0.0.1:58443", origins.Target);
        Assert.Equal(["https://localhost:58444", "http://127.0.0.1:58081"], origins.Attackers);
        Assert.Equal(["cross-site", "cross-site: another scheme"], origins.Attackers.Select(attacker => LabOrigins.Relation(origins.Target, attacker)));
    }
}
