using System.Net;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Tokens as other JWT tools issue them (no kid, no iat) are accepted when key and algorithm match; a token
/// speaks only for a user who exists; configured audience and issuer are issued and required.</summary>
public sealed class JwtInteropTests(JwtAttackFixture fixture) : IClassFixture<JwtAttackFixture>
{
    [Fact]
    public async Task TokenWithoutKid_SignedWithTheServersSecretAndAlgorithm_IsAccepted()
    {
        var token = JwtCraft.Token(JwtCraft.Header("HS256", null), JwtCraft.Claims("bob"), JwtCraft.Hmac("HS256", JwtServer.Passphrase));

        var response = await fixture.Hmac.RequestAsync("/secret", token);

        Assert.Equal("user=bob", response.Text);
    }

    [Fact]
    public async Task TokenWithoutKid_SignedWithTheServersRsaKey_IsAccepted()
    {
        var token = JwtCraft.Token(JwtCraft.Header("RS256", null), JwtCraft.Claims("bob"), JwtCraft.Rs256(fixture.RsaKey));

        var response = await fixture.Rsa.RequestAsync("/secret", token);

        Assert.Equal("user=bob", response.Text);
    }

    [Fact]
    public async Task TokenWithoutIat_IsAccepted()
    {
        var claims = JwtCraft.Claims("bob");
        claims.Remove("iat");
        var token = JwtCraft.Token(JwtCraft.Header("HS256", fixture.HmacKid), claims, JwtCraft.Hmac("HS256", JwtServer.Passphrase));

        var response = await fixture.Hmac.RequestAsync("/secret", token);

        Assert.Equal("user=bob", response.Text);
    }

    [Fact]
    public async Task CorrectlySignedTokenOfAUserWhoDoesNotExist_IsRejected()
    {
        var token = JwtCraft.Token(JwtCraft.Header("HS256", fixture.HmacKid), JwtCraft.Claims("mallory"), JwtCraft.Hmac("HS256", JwtServer.Passphrase));

        var response = await fixture.Hmac.RequestAsync("/secret", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task AccessTokenOfARemovedUser_IsRejected()
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync("bob");
        Assert.Equal("user=bob", (await server.RequestAsync("/secret", access)).Text);

        Assert.True(await server.Module.Users.RemoveAsync("bob", default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", access)).Status);
    }

    [Fact]
    public async Task ConfiguredAudienceAndIssuer_AreIssuedAndRequired()
    {
        await using var server = await JwtServer.StartAsync(new JwtOptions { Passphrase = JwtServer.Passphrase, Audience = "lab-api", Issuer = "https://lab.test" });
        var (access, _) = await server.TokensAsync();
        var (header, payload) = JwtCraft.Decode(access);
        var kid = header.GetProperty("kid").GetString();
        string Crafted(string? audience, string? issuer)
        {
            var claims = JwtCraft.Claims("bob");
            claims["aud"] = audience;
            claims["iss"] = issuer;
            return JwtCraft.Token(JwtCraft.Header("HS256", kid), claims.Where(c => c.Value is not null).ToDictionary(), JwtCraft.Hmac("HS256", JwtServer.Passphrase));
        }

        Assert.Equal("lab-api", payload.GetProperty("aud").GetString());
        Assert.Equal("https://lab.test", payload.GetProperty("iss").GetString());
        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
        Assert.Equal("user=bob", (await server.RequestAsync("/secret", Crafted("lab-api", "https://lab.test"))).Text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", Crafted("other-api", "https://lab.test"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", Crafted(null, "https://lab.test"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", Crafted("lab-api", "https://evil.test"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", Crafted("lab-api", null))).Status);
    }

    [Fact]
    public async Task WithoutConfiguredAudienceAndIssuer_NoneIsIssuedNorChecked()
    {
        var (_, payload) = JwtCraft.Decode(fixture.AliceHmacToken);
        var claims = JwtCraft.Claims("bob");
        claims["aud"] = "anything";
        claims["iss"] = "anyone";
        var token = JwtCraft.Token(JwtCraft.Header("HS256", fixture.HmacKid), claims, JwtCraft.Hmac("HS256", JwtServer.Passphrase));

        Assert.False(payload.TryGetProperty("aud", out _));
        Assert.False(payload.TryGetProperty("iss", out _));
        Assert.Equal("user=bob", (await fixture.Hmac.RequestAsync("/secret", token)).Text);
    }
}
