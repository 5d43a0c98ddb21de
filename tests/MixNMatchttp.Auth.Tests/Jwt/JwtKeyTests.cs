using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Signing keys: HMAC passphrases (checked for length, random when absent), RSA and P-256 private keys
/// from PEM files (plain or encrypted), and the JWKS document that publishes only the public half.</summary>
public sealed class JwtKeyTests
{
    private const string KeyPassphrase = "pem passphrase for the tests";
    private static readonly string[] PrivateJwkMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    public async Task HmacAlgorithm_SignsWithThePassphrase_AndItsTokensOpenProtectedPaths(string algorithm, int length)
    {
        var passphrase = new string('p', length);
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = Enum.Parse<JwtAlgorithm>(algorithm), Passphrase = passphrase });

        var (access, _) = await server.TokensAsync();

        var (header, _) = JwtCraft.Decode(access);
        Assert.Equal(algorithm, header.GetProperty("alg").GetString());
        var signingInput = access[..access.LastIndexOf('.')];
        Assert.Equal(JwtCraft.Signed(signingInput, JwtCraft.Hmac(algorithm, passphrase)), access);
        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
    }

    [Theory]
    [InlineData("HS256", 31, "32")]
    [InlineData("HS256", 6, "32")]
    [InlineData("HS256", 0, "32")]
    [InlineData("HS384", 47, "48")]
    [InlineData("HS512", 63, "64")]
    [InlineData("HS512", 1, "64")]
    public async Task ShortHmacPassphrase_SignsAsThatSecret_WithAStartupWarningNamingTheHashSize(string algorithm, int length, string hashBytes)
    {
        var passphrase = new string('p', length);
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = Enum.Parse<JwtAlgorithm>(algorithm), Passphrase = passphrase });

        var (access, _) = await server.TokensAsync();

        Assert.Contains(server.Host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"{algorithm} passphrase is {length} bytes", StringComparison.Ordinal)
            && e.Message.Contains(hashBytes, StringComparison.Ordinal));
        var signingInput = access[..access.LastIndexOf('.')];
        Assert.Equal(JwtCraft.Signed(signingInput, JwtCraft.Hmac(algorithm, passphrase)), access);
        var crafted = JwtCraft.Token(JwtCraft.Header(algorithm, null), JwtCraft.Claims("bob"), JwtCraft.Hmac(algorithm, passphrase));
        Assert.Equal("user=bob", (await server.RequestAsync("/secret", crafted)).Text);
    }

    [Fact]
    public async Task HashSizedHmacPassphrase_IsNotWarnedAbout()
    {
        await using var server = await JwtServer.StartAsync();

        Assert.DoesNotContain(server.Host.Log.Entries, e => e.Message.Contains("passphrase is", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(99)]
    public async Task UndefinedAlgorithm_FailsTheBuild(int algorithm)
    {
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = (JwtAlgorithm)algorithm, Passphrase = JwtServer.Passphrase }));

        Assert.Equal($"JwtOptions.Algorithm must be HS256, HS384, HS512, RS256 or ES256, not {algorithm}.", error.Message);
    }

    [Fact]
    public async Task NoPassphrase_SignsWithARandomSecret_WarnsAndWorksWithinTheProcess()
    {
        await using var server = await JwtServer.StartAsync(new JwtOptions());
        await using var other = await JwtServer.StartAsync(new JwtOptions());

        var (access, refresh) = await server.TokensAsync();

        Assert.Contains(server.Host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("random", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(refresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.RequestAsync("/secret", access)).Status);
    }

    [Fact]
    public async Task Passphrase_DoesNotWarnAboutARandomSecret()
    {
        await using var server = await JwtServer.StartAsync();

        Assert.DoesNotContain(server.Host.Log.Entries, e => e.Message.Contains("random secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rs256FromPem_IssuesVerifiableTokens_AndPublishesThePublicKeyOnly()
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(2048);
        var file = keys.File("key.pem", rsa.ExportPkcs8PrivateKeyPem());
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file });

        var (access, _) = await server.TokensAsync();

        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
        var jwk = await AssertJwksAsync(server, access, "RSA", "RS256");
        var parameters = rsa.ExportParameters(false);
        Assert.Equal(Base64Url.EncodeToString(parameters.Modulus), jwk.GetProperty("n").GetString());
        Assert.Equal(Base64Url.EncodeToString(parameters.Exponent), jwk.GetProperty("e").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rs256FromEncryptedPem_WithThePassphrase_Works(bool pkcs8Aes)
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(2048);
        var pbe = pkcs8Aes
            ? new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)
            : new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA1, 2_048);
        var file = keys.File("key.pem", rsa.ExportEncryptedPkcs8PrivateKeyPem(KeyPassphrase, pbe));
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file, Passphrase = KeyPassphrase });

        var (access, _) = await server.TokensAsync();

        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
        await AssertJwksAsync(server, access, "RSA", "RS256");
    }

    [Theory]
    [InlineData("wrong passphrase")]
    [InlineData(null)]
    public async Task EncryptedPem_WithWrongOrNoPassphrase_FailsTheBuild(string? passphrase)
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(2048);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);
        var file = keys.File("key.pem", rsa.ExportEncryptedPkcs8PrivateKeyPem(KeyPassphrase, pbe));

        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file, Passphrase = passphrase }));

        Assert.Contains("key", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Es256WithP256Key_IssuesVerifiableTokens_AndPublishesThePublicKeyOnly()
    {
        using var keys = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = keys.File("key.pem", ec.ExportPkcs8PrivateKeyPem());
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.ES256, PrivateKeyFile = file });

        var (access, _) = await server.TokensAsync();

        Assert.Equal("ES256", JwtCraft.Decode(access).Header.GetProperty("alg").GetString());
        Assert.Equal("user=alice", (await server.RequestAsync("/secret", access)).Text);
        var jwk = await AssertJwksAsync(server, access, "EC", "ES256");
        Assert.Equal("P-256", jwk.GetProperty("crv").GetString());
        var parameters = ec.ExportParameters(false);
        Assert.Equal(Base64Url.EncodeToString(parameters.Q.X), jwk.GetProperty("x").GetString());
        Assert.Equal(Base64Url.EncodeToString(parameters.Q.Y), jwk.GetProperty("y").GetString());
    }

    [Fact]
    public async Task Es256FromEncryptedPem_Works()
    {
        using var keys = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);
        var file = keys.File("key.pem", ec.ExportEncryptedPkcs8PrivateKeyPem(KeyPassphrase, pbe));
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.ES256, PrivateKeyFile = file, Passphrase = KeyPassphrase });

        var (access, _) = await server.TokensAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", access)).Status);
    }

    [Fact]
    public async Task Es256WithAP384Key_FailsTheBuild()
    {
        using var keys = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var file = keys.File("key.pem", ec.ExportPkcs8PrivateKeyPem());

        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.ES256, PrivateKeyFile = file }));

        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rs256WithA1024BitKey_FailsTheBuild()
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(1024);
        var file = keys.File("key.pem", rsa.ExportPkcs8PrivateKeyPem());

        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file }));

        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rs256WithAnEcKey_FailsTheBuild()
    {
        using var keys = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = keys.File("key.pem", ec.ExportPkcs8PrivateKeyPem());

        await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file }));
    }

    [Fact]
    public async Task Rs256WithoutAKeyFile_FailsTheBuild()
    {
        using var keys = new TempDirectory();

        var missing = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = Path.Join(keys.Path, "absent.pem") }));
        var none = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256 }));
        var garbage = await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = keys.File("bad.pem", "not a key") }));

        Assert.Contains("absent.pem", missing.Message, StringComparison.Ordinal);
        Assert.Contains("RS256", none.Message, StringComparison.Ordinal);
        Assert.Contains("bad.pem", garbage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HmacWithAKeyFile_FailsTheBuild()
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(2048);
        var file = keys.File("key.pem", rsa.ExportPkcs8PrivateKeyPem());

        await Assert.ThrowsAsync<MixConfigurationException>(() => BuildAsync(new JwtOptions { Algorithm = JwtAlgorithm.HS256, Passphrase = JwtServer.Passphrase, PrivateKeyFile = file }));
    }

    [Fact]
    public async Task ConfiguredKeyId_IsTheKidOfTokensAndJwks()
    {
        using var keys = new TempDirectory();
        using var rsa = RSA.Create(2048);
        var file = keys.File("key.pem", rsa.ExportPkcs8PrivateKeyPem());
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = file, KeyId = "key-2024" });

        var (access, _) = await server.TokensAsync();

        Assert.Equal("key-2024", JwtCraft.Decode(access).Header.GetProperty("kid").GetString());
        Assert.Equal("key-2024", (await AssertJwksAsync(server, access, "RSA", "RS256")).GetProperty("kid").GetString());
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS512")]
    public async Task HmacServer_HasNoJwks(string algorithm)
    {
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = Enum.Parse<JwtAlgorithm>(algorithm), Passphrase = new string('q', 64) });

        var response = await server.RequestAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.DoesNotContain(new string('q', 8), response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwksFromAnotherServer_DoesNotVerifyOurTokens()
    {
        using var keys = new TempDirectory();
        using var ours = RSA.Create(2048);
        using var theirs = RSA.Create(2048);
        await using var server = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = keys.File("ours.pem", ours.ExportPkcs8PrivateKeyPem()), KeyId = "same" });
        await using var other = await JwtServer.StartAsync(new JwtOptions { Algorithm = JwtAlgorithm.RS256, PrivateKeyFile = keys.File("theirs.pem", theirs.ExportPkcs8PrivateKeyPem()), KeyId = "same" });
        var (access, _) = await server.TokensAsync();

        var result = await ValidateWithJwksAsync((await other.RequestAsync("/.well-known/jwks.json")).Text, access, "RS256");

        Assert.False(result.IsValid);
    }

    /// <summary>Fetches the JWKS, checks it holds one public key of the expected type with the token's kid, and that
    /// Microsoft.IdentityModel validates <paramref name="token"/> with it. Returns the key.</summary>
    private static async Task<JsonElement> AssertJwksAsync(JwtServer server, string token, string keyType, string algorithm)
    {
        var response = await server.RequestAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("application/json", response.Header("Content-Type") ?? string.Empty, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(response.Text);
        var jwk = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray()).Clone();
        Assert.Equal(keyType, jwk.GetProperty("kty").GetString());
        Assert.Equal(algorithm, jwk.GetProperty("alg").GetString());
        Assert.Equal(JwtCraft.Decode(token).Header.GetProperty("kid").GetString(), jwk.GetProperty("kid").GetString());
        foreach (var member in PrivateJwkMembers)
        {
            Assert.False(jwk.TryGetProperty(member, out _), $"the JWKS must not publish the private member '{member}'");
        }

        var result = await ValidateWithJwksAsync(response.Text, token, algorithm);
        Assert.True(result.IsValid, $"the token must verify with the JWKS: {result.Exception?.Message}");
        Assert.Equal("alice", result.Claims["sub"]);
        return jwk;
    }

    private static Task<TokenValidationResult> ValidateWithJwksAsync(string jwks, string token, string algorithm) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidAlgorithms = [algorithm],
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = true,
            RequireSignedTokens = true,
        });

    /// <summary>Builds (and so starts the modules of) a server, without listening.</summary>
    private static async Task BuildAsync(JwtOptions jwt)
    {
        var server = MixServer.Create(new MixServerOptions { Port = 0, ConfigureLogging = _ => { } })
            .Add(new JwtAuth(JwtServer.NewAuthOptions(), jwt));
        await using var app = server.Build();
    }
}
