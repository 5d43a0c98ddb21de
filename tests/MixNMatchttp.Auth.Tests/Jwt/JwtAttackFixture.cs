using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>
/// Servers under attack, shared by the attack tests: an HS256 server, an RS256 server, and an attacker's
/// server on loopback that serves the attacker's JWKS and certificate and counts every request it gets (a
/// server that follows <c>jku</c> or <c>x5u</c> would show up there).
/// </summary>
public sealed class JwtAttackFixture : IAsyncLifetime
{
    private int _attackerRequests;

    internal JwtServer Hmac { get; private set; } = null!;

    internal JwtServer Rsa { get; private set; } = null!;

    internal TestHost Attacker { get; private set; } = null!;

    /// <summary>The RS256 server's private key (tests sign with it to make well-formed tokens).</summary>
    internal RSA RsaKey { get; } = System.Security.Cryptography.RSA.Create(2048);

    /// <summary>The attacker's own RSA key.</summary>
    internal RSA AttackerKey { get; } = System.Security.Cryptography.RSA.Create(2048);

    /// <summary>The attacker's own HMAC secret.</summary>
    internal string AttackerSecret { get; } = new('x', 32);

    internal string HmacKid { get; private set; } = null!;

    internal string RsaKid { get; private set; } = null!;

    /// <summary>A genuine HS256 access token of alice.</summary>
    internal string AliceHmacToken { get; private set; } = null!;

    /// <summary>A genuine RS256 access token of alice.</summary>
    internal string AliceRsaToken { get; private set; } = null!;

    internal int AttackerRequests => Volatile.Read(ref _attackerRequests);

    internal Uri AttackerUri(string path) => new(Attacker.BaseAddress, path);

    /// <summary>The attacker's RSA public key as a JWK (with the given kid).</summary>
    internal Dictionary<string, object?> AttackerRsaJwk(string kid)
    {
        var parameters = AttackerKey.ExportParameters(false);
        return new() { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent) };
    }

    /// <summary>The attacker's HMAC secret as a JWK (with the given kid).</summary>
    internal Dictionary<string, object?> AttackerOctJwk(string kid) =>
        new() { ["kty"] = "oct", ["kid"] = kid, ["alg"] = "HS256", ["k"] = Base64UrlEncoder.Encode(AttackerSecret) };

    public async Task InitializeAsync()
    {
        // The server reads its key at start-up: the file is not needed afterwards.
        using var keys = new TempDirectory();
        var keyFile = keys.File("server.pem", RsaKey.ExportPkcs8PrivateKeyPem());
        Hmac = await JwtServer.StartAsync();
        Rsa = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = keyFile });
        AliceHmacToken = (await Hmac.TokensAsync()).Access;
        AliceRsaToken = (await Rsa.TokensAsync()).Access;
        HmacKid = JwtCraft.Decode(AliceHmacToken).Header.GetProperty("kid").GetString()!;
        RsaKid = JwtCraft.Decode(AliceRsaToken).Header.GetProperty("kid").GetString()!;
        var jwks = JsonSerializer.Serialize(new { keys = new[] { AttackerRsaJwk(RsaKid), AttackerOctJwk(HmacKid) } });
        var certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        Attacker = await TestHost.StartAsync(new TestModule(
            new() { ["jwks.json"] = new(), ["cert.pem"] = new() },
            map => map.Get("jwks.json", c => new(c.RenderAsync(jwks, "application/json")))
                .Get("cert.pem", c => new(c.RenderAsync(certificate, "application/x-pem-file"))))
        {
            Deny = _ =>
            {
                Interlocked.Increment(ref _attackerRequests);
                return default;
            },
        });
    }

    public async Task DisposeAsync()
    {
        await Hmac.DisposeAsync();
        await Rsa.DisposeAsync();
        await Attacker.DisposeAsync();
        RsaKey.Dispose();
        AttackerKey.Dispose();
    }
}
