using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>
/// Forged, tampered, expired and malformed tokens sent as <c>Authorization: Bearer</c> to a protected endpoint and
/// a protected file: every one must get 401 (never 200, never 500) and the server must log no error. Controls
/// first: tokens crafted here with the server's own key, algorithm and kid ARE accepted, so each rejection below
/// is due to the one defect its case introduces.
/// </summary>
public sealed class JwtAttackTests(JwtAttackFixture fixture) : IClassFixture<JwtAttackFixture>
{
    private const string Garbage = "Z2FyYmFnZS1zaWduYXR1cmU";

    public static TheoryData<string> HmacServerAttacks =>
    [
        "expired an hour ago",
        "expired beyond the clock skew",
        "nbf in an hour",
        "no exp",
        "exp null",
        "iat in an hour",
        "iat equals exp",
        "exp before iat",
        "no sub",
        "tampered payload: sub changed to bob",
        "tampered payload: admin role added",
        "tampered header: kid changed",
        "signature char flipped",
        "signature removed",
        "signature of another token",
        "unknown kid",
        "empty kid",
        "kid that is a number",
        "kid null",
        "exp as a string",
        "nbf as a string",
        "iat as a string",
        "exp as a fraction string",
        "kid pointing at /dev/null, signed with an empty key",
        "jwk header with the attacker's secret",
        "jku header to the attacker's JWKS",
        "signed with another server's secret",
        "HS384 signed with the server's secret",
        "HS512 signed with the server's secret",
        "alg hs256 in lower case",
        "signed payload that is a JSON array",
        "signed payload that is not JSON",
        "token of the RS256 server",
    ];

    public static TheoryData<string> RsaServerAttacks =>
    [
        "HS256 with the public key as SPKI PEM",
        "HS256 with the public key as SPKI PEM without the final newline",
        "HS256 with the public key as SPKI DER",
        "HS256 with the public key as PKCS#1 PEM",
        "HS256 with the public key as PKCS#1 DER",
        "HS256 with the modulus",
        "HS256 with the public key PEM and no kid",
        "jwk header with the attacker's key and the server's kid",
        "jwk header with the attacker's key and its own kid",
        "jku header to the attacker's JWKS",
        "x5u header to the attacker's certificate",
        "x5c header with the attacker's self-signed certificate",
        "signed with another RSA key and the server's kid",
        "PS256 signed with the server's key",
        "RS384 signed with the server's key",
        "RS512 signed with the server's key",
        "ES256 signed with the attacker's key",
        "expired an hour ago",
        "nbf in an hour",
        "no exp",
        "iat in an hour",
        "iat equals exp",
        "unknown kid",
        "tampered payload: sub changed to bob",
        "signature char flipped",
        "signature removed",
        "token of the HS256 server",
    ];

    public static TheoryData<string, string, string> AlgNone
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var server in new[] { "HS256", "RS256" })
            {
                foreach (var alg in new[] { "none", "None", "NONE", "nOnE" })
                {
                    foreach (var signature in new[] { "empty", "garbage", "server's" })
                    {
                        data.Add(server, alg, signature);
                    }
                }
            }

            return data;
        }
    }

    public static TheoryData<string> GarbageTokens =>
    [
        "",
        "abc",
        "a.b.c",
        "a.b",
        "a.b.c.d.e",
        "...",
        "....",
        ".e30.",
        "e30.e30.",
        "e30.e30.e30",
        "null.null.null",
        "W10.W10.W10",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9",
        "eyJhbGciOiJIUzI1NiIsImtpZCI6ImhtYWMifQ.eyJzdWIiOiJhbGljZSIsImV4cCI6OTk5OTk5OTk5OX0.!!!!",
        "%00.%00.%00",
        "eyJhbGciOiJIUzI1NiJ9..",
        "random base64url",
        "random base64url with dots",
        "10 KB token",
        "10 KB of one segment",
    ];

    [Fact]
    public async Task Control_TokenCraftedWithTheServersSecretKidAndTimes_IsAccepted()
    {
        var token = JwtCraft.Token(JwtCraft.Header("HS256", fixture.HmacKid), JwtCraft.Claims("bob"), JwtCraft.Hmac("HS256", JwtServer.Passphrase));

        var response = await fixture.Hmac.RequestAsync("/secret", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("user=bob", response.Text);
    }

    [Fact]
    public async Task Control_TokenCraftedWithTheServersRsaKeyAndKid_IsAccepted()
    {
        var token = JwtCraft.Token(JwtCraft.Header("RS256", fixture.RsaKid), JwtCraft.Claims("bob"), JwtCraft.Rs256(fixture.RsaKey));

        var response = await fixture.Rsa.RequestAsync("/secret", token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("user=bob", response.Text);
    }

    [Fact]
    public async Task Control_GenuineTokensAreAccepted()
    {
        Assert.Equal("user=alice", (await fixture.Hmac.RequestAsync("/secret", fixture.AliceHmacToken)).Text);
        Assert.Equal("user=alice", (await fixture.Rsa.RequestAsync("/secret", fixture.AliceRsaToken)).Text);
    }

    [Theory]
    [MemberData(nameof(AlgNone))]
    public async Task AlgNone_InAnyCasing_IsRejected(string server, string alg, string signature)
    {
        var target = server == "HS256" ? fixture.Hmac : fixture.Rsa;
        var input = JwtCraft.Encode(JwtCraft.Header(alg, server == "HS256" ? fixture.HmacKid : fixture.RsaKid)) + "." + JwtCraft.Encode(JwtCraft.Claims());
        var token = signature switch
        {
            "empty" => input + ".",
            "garbage" => input + "." + Garbage,
            _ => JwtCraft.Signed(input, server == "HS256" ? JwtCraft.Hmac("HS256", JwtServer.Passphrase) : JwtCraft.Rs256(fixture.RsaKey)),
        };

        await AssertRejectedAsync(target, token);
    }

    [Theory]
    [MemberData(nameof(HmacServerAttacks))]
    public async Task ForgedTokenOnHs256Server_IsRejected(string attack) =>
        await AssertRejectedAsync(fixture.Hmac, HmacForgery(attack));

    [Theory]
    [MemberData(nameof(RsaServerAttacks))]
    public async Task ForgedTokenOnRs256Server_IsRejected(string attack) =>
        await AssertRejectedAsync(fixture.Rsa, RsaForgery(attack));

    [Theory]
    [MemberData(nameof(GarbageTokens))]
    public async Task GarbageBearer_IsRejected(string token)
    {
        var value = token switch
        {
            "random base64url" => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(200)),
            "random base64url with dots" => string.Join('.', Enumerable.Range(0, 3).Select(_ => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(60)))),
            "10 KB token" => string.Join('.', Enumerable.Range(0, 3).Select(_ => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(2560)))),
            "10 KB of one segment" => new string('A', 10 * 1024),
            _ => token,
        };

        await AssertRejectedAsync(fixture.Hmac, value);
        await AssertRejectedAsync(fixture.Rsa, value);
    }

    [Fact]
    public async Task TenKilobyteTokenSignedWithTheServersSecret_IsRejectedWithout500()
    {
        var claims = JwtCraft.Claims();
        claims["padding"] = new string('p', 10 * 1024);

        await AssertRejectedAsync(fixture.Hmac, JwtCraft.Token(JwtCraft.Header("HS256", fixture.HmacKid), claims, JwtCraft.Hmac("HS256", JwtServer.Passphrase)));
    }

    [Theory]
    [InlineData("Authorization: Bearer\r\n")]
    [InlineData("Authorization: Bearer \r\n")]
    [InlineData("Authorization: Bearer \t \r\n")]
    [InlineData("Authorization: \r\n")]
    [InlineData("Authorization: Bearer{0}\r\n")]
    [InlineData("Authorization: Bearer  .{0}\r\n")]
    [InlineData("Authorization: Token {0}\r\n")]
    [InlineData("Authorization: {0}\r\n")]
    [InlineData("Authorization: Basic YWxpY2U6U3RyMG5nIVBhc3N3MHJk\r\n")]
    [InlineData("Cookie: SESSION={0}\r\n")]
    [InlineData("X-Access-Token: {0}\r\n")]
    public async Task EmptyOrMisplacedBearer_IsRejected(string headerFormat)
    {
        var headers = headerFormat.Replace("{0}", fixture.AliceHmacToken, StringComparison.Ordinal);

        var endpoint = await fixture.Hmac.Host.RawAsync("GET", "/secret", headers);
        var file = await fixture.Hmac.Host.RawAsync("GET", JwtServer.ProtectedFile, headers);

        Assert.Equal(401, endpoint.Status);
        Assert.Equal(401, file.Status);
        AssertNoServerError(fixture.Hmac);
    }

    [Fact]
    public async Task AccessTokenInTheQuery_IsNotACredential()
    {
        var response = await fixture.Hmac.RequestAsync($"/secret?access_token={fixture.AliceHmacToken}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task TwoAuthorizationHeaders_AreNotAccepted()
    {
        var genuineFirst = await fixture.Hmac.Host.RawAsync("GET", "/secret", $"Authorization: Bearer {fixture.AliceHmacToken}\r\nAuthorization: Bearer a.b.c\r\n");
        var genuineLast = await fixture.Hmac.Host.RawAsync("GET", "/secret", $"Authorization: Bearer a.b.c\r\nAuthorization: Bearer {fixture.AliceHmacToken}\r\n");

        Assert.Contains(genuineFirst.Status, new[] { 400, 401 });
        Assert.Contains(genuineLast.Status, new[] { 400, 401 });
        AssertNoServerError(fixture.Hmac);
    }

    private string HmacForgery(string attack)
    {
        var kid = fixture.HmacKid;
        var header = JwtCraft.Header("HS256", kid);
        var sign = JwtCraft.Hmac("HS256", JwtServer.Passphrase);
        string Signed(Dictionary<string, object?> claims) => JwtCraft.Token(header, claims, sign);
        string SignedHeader(Dictionary<string, object?> h) => JwtCraft.Token(h, JwtCraft.Claims(), sign);

        return attack switch
        {
            "expired an hour ago" => Signed(Times(iat: -7200, nbf: -7200, exp: -3600)),
            "expired beyond the clock skew" => Signed(Times(iat: -960, nbf: -960, exp: -90)),
            "nbf in an hour" => Signed(Times(iat: -10, nbf: 3600, exp: 7200)),
            "no exp" => Signed(Without(JwtCraft.Claims(), "exp")),
            "exp null" => Signed(With(JwtCraft.Claims(), "exp", null)),
            "iat in an hour" => Signed(Times(iat: 3600, nbf: -10, exp: 7200)),
            "iat equals exp" => Signed(Times(iat: 10, nbf: -10, exp: 10)),
            "exp before iat" => Signed(Times(iat: 10, nbf: -10, exp: 5)),
            "no sub" => Signed(Without(JwtCraft.Claims(), "sub")),
            "tampered payload: sub changed to bob" => Tampered(fixture.AliceHmacToken, "sub", "bob"),
            "tampered payload: admin role added" => Tampered(fixture.AliceHmacToken, "roles", new[] { "admin" }),
            "tampered header: kid changed" => TamperedHeader(fixture.AliceHmacToken, "kid", "other"),
            "signature char flipped" => JwtCraft.FlipSignatureChar(fixture.AliceHmacToken),
            "signature removed" => fixture.AliceHmacToken[..(fixture.AliceHmacToken.LastIndexOf('.') + 1)],
            "signature of another token" => SpliceSignature(Signed(JwtCraft.Claims("bob")), fixture.AliceHmacToken),
            "unknown kid" => JwtCraft.Token(JwtCraft.Header("HS256", "other"), JwtCraft.Claims(), sign),
            "empty kid" => JwtCraft.Token(JwtCraft.Header("HS256", string.Empty), JwtCraft.Claims(), sign),
            "kid that is a number" => SignedHeader(With(header, "kid", 1)),
            "kid null" => SignedHeader(With(header, "kid", null)),
            "exp as a string" => Signed(With(JwtCraft.Claims(), "exp", JwtCraft.Unix(TimeSpan.FromMinutes(10)).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            "nbf as a string" => Signed(With(JwtCraft.Claims(), "nbf", JwtCraft.Unix(TimeSpan.FromSeconds(-10)).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            "iat as a string" => Signed(With(JwtCraft.Claims(), "iat", JwtCraft.Unix(TimeSpan.FromSeconds(-10)).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            "exp as a fraction string" => Signed(With(JwtCraft.Claims(), "exp", JwtCraft.Unix(TimeSpan.FromMinutes(10)) + ".5")),
            "kid pointing at /dev/null, signed with an empty key" =>
                JwtCraft.Token(JwtCraft.Header("HS256", "../../../../../../dev/null"), JwtCraft.Claims(), JwtCraft.Hmac("HS256", [])),
            "jwk header with the attacker's secret" =>
                JwtCraft.Token(With(header, "jwk", fixture.AttackerOctJwk(kid)), JwtCraft.Claims(), JwtCraft.Hmac("HS256", fixture.AttackerSecret)),
            "jku header to the attacker's JWKS" =>
                JwtCraft.Token(With(header, "jku", fixture.AttackerUri("/jwks.json").ToString()), JwtCraft.Claims(), JwtCraft.Hmac("HS256", fixture.AttackerSecret)),
            "signed with another server's secret" => JwtCraft.Token(header, JwtCraft.Claims(), JwtCraft.Hmac("HS256", fixture.AttackerSecret)),
            "HS384 signed with the server's secret" => JwtCraft.Token(JwtCraft.Header("HS384", kid), JwtCraft.Claims(), JwtCraft.Hmac("HS384", JwtServer.Passphrase)),
            "HS512 signed with the server's secret" => JwtCraft.Token(JwtCraft.Header("HS512", kid), JwtCraft.Claims(), JwtCraft.Hmac("HS512", JwtServer.Passphrase)),
            "alg hs256 in lower case" => SignedHeader(JwtCraft.Header("hs256", kid)),
            "signed payload that is a JSON array" => JwtCraft.Token(header, new object[] { "alice" }, sign),
            "signed payload that is not JSON" => JwtCraft.Signed(JwtCraft.Encode(header) + "." + Base64Url.EncodeToString("not json"u8), sign),
            "token of the RS256 server" => fixture.AliceRsaToken,
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "no such attack"),
        };
    }

    private string RsaForgery(string attack)
    {
        var kid = fixture.RsaKid;
        var header = JwtCraft.Header("RS256", kid);
        var sign = JwtCraft.Rs256(fixture.RsaKey);
        string Signed(Dictionary<string, object?> claims) => JwtCraft.Token(header, claims, sign);
        string Confused(byte[] secret, string? confusedKid = "") =>
            JwtCraft.Token(JwtCraft.Header("HS256", confusedKid == string.Empty ? kid : confusedKid), JwtCraft.Claims(), JwtCraft.Hmac("HS256", secret));
        string ByAttacker(Dictionary<string, object?> h) => JwtCraft.Token(h, JwtCraft.Claims(), JwtCraft.Rs256(fixture.AttackerKey));
        var publicPem = fixture.RsaKey.ExportSubjectPublicKeyInfoPem();

        switch (attack)
        {
            case "HS256 with the public key as SPKI PEM":
                return Confused(System.Text.Encoding.ASCII.GetBytes(publicPem + "\n"));
            case "HS256 with the public key as SPKI PEM without the final newline":
                return Confused(System.Text.Encoding.ASCII.GetBytes(publicPem));
            case "HS256 with the public key as SPKI DER":
                return Confused(fixture.RsaKey.ExportSubjectPublicKeyInfo());
            case "HS256 with the public key as PKCS#1 PEM":
                return Confused(System.Text.Encoding.ASCII.GetBytes(fixture.RsaKey.ExportRSAPublicKeyPem() + "\n"));
            case "HS256 with the public key as PKCS#1 DER":
                return Confused(fixture.RsaKey.ExportRSAPublicKey());
            case "HS256 with the modulus":
                return Confused(fixture.RsaKey.ExportParameters(false).Modulus!);
            case "HS256 with the public key PEM and no kid":
                return Confused(System.Text.Encoding.ASCII.GetBytes(publicPem + "\n"), null);
            case "jwk header with the attacker's key and the server's kid":
                return ByAttacker(With(header, "jwk", fixture.AttackerRsaJwk(kid)));
            case "jwk header with the attacker's key and its own kid":
                return ByAttacker(With(JwtCraft.Header("RS256", "attacker"), "jwk", fixture.AttackerRsaJwk("attacker")));
            case "jku header to the attacker's JWKS":
                return ByAttacker(With(header, "jku", fixture.AttackerUri("/jwks.json").ToString()));
            case "x5u header to the attacker's certificate":
                return ByAttacker(With(header, "x5u", fixture.AttackerUri("/cert.pem").ToString()));
            case "x5c header with the attacker's self-signed certificate":
                {
                    var request = new CertificateRequest("CN=attacker", fixture.AttackerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                    return ByAttacker(With(header, "x5c", new[] { Convert.ToBase64String(certificate.RawData) }));
                }

            case "signed with another RSA key and the server's kid":
                return ByAttacker(header);
            case "PS256 signed with the server's key":
                return JwtCraft.Token(JwtCraft.Header("PS256", kid), JwtCraft.Claims(), JwtCraft.Rsa(fixture.RsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
            case "RS384 signed with the server's key":
                return JwtCraft.Token(JwtCraft.Header("RS384", kid), JwtCraft.Claims(), JwtCraft.Rsa(fixture.RsaKey, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1));
            case "RS512 signed with the server's key":
                return JwtCraft.Token(JwtCraft.Header("RS512", kid), JwtCraft.Claims(), JwtCraft.Rsa(fixture.RsaKey, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
            case "ES256 signed with the attacker's key":
                {
                    using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    var q = ec.ExportParameters(false).Q;
                    var jwk = new Dictionary<string, object?> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(q.X), ["y"] = Base64Url.EncodeToString(q.Y), ["kid"] = kid };
                    return JwtCraft.Token(With(JwtCraft.Header("ES256", kid), "jwk", jwk), JwtCraft.Claims(), JwtCraft.Es256(ec));
                }

            case "expired an hour ago":
                return Signed(Times(iat: -7200, nbf: -7200, exp: -3600));
            case "nbf in an hour":
                return Signed(Times(iat: -10, nbf: 3600, exp: 7200));
            case "no exp":
                return Signed(Without(JwtCraft.Claims(), "exp"));
            case "iat in an hour":
                return Signed(Times(iat: 3600, nbf: -10, exp: 7200));
            case "iat equals exp":
                return Signed(Times(iat: 10, nbf: -10, exp: 10));
            case "unknown kid":
                return JwtCraft.Token(JwtCraft.Header("RS256", "other"), JwtCraft.Claims(), sign);
            case "tampered payload: sub changed to bob":
                return Tampered(fixture.AliceRsaToken, "sub", "bob");
            case "signature char flipped":
                return JwtCraft.FlipSignatureChar(fixture.AliceRsaToken);
            case "signature removed":
                return fixture.AliceRsaToken[..(fixture.AliceRsaToken.LastIndexOf('.') + 1)];
            case "token of the HS256 server":
                return fixture.AliceHmacToken;
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "no such attack");
        }
    }

    private async Task AssertRejectedAsync(JwtServer server, string token)
    {
        var endpoint = await server.RequestAsync("/secret", token);
        var file = await server.RequestAsync(JwtServer.ProtectedFile, token);

        Assert.Equal(HttpStatusCode.Unauthorized, endpoint.Status);
        Assert.DoesNotContain("user=", endpoint.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, file.Status);
        Assert.DoesNotContain(JwtServer.ProtectedFileContent, file.Text, StringComparison.Ordinal);
        AssertNoServerError(server);
        Assert.Equal(0, fixture.AttackerRequests);
    }

    private static void AssertNoServerError(JwtServer server) =>
        Assert.DoesNotContain(server.Host.Log.Entries, e => e.Level >= LogLevel.Error);

    /// <summary>Claims for alice with iat, nbf and exp at the given offsets from now, in seconds.</summary>
    private static Dictionary<string, object?> Times(int iat, int nbf, int exp)
    {
        var claims = JwtCraft.Claims();
        claims["iat"] = JwtCraft.Unix(TimeSpan.FromSeconds(iat));
        claims["nbf"] = JwtCraft.Unix(TimeSpan.FromSeconds(nbf));
        claims["exp"] = JwtCraft.Unix(TimeSpan.FromSeconds(exp));
        return claims;
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> values, string name, object? value) =>
        new(values) { [name] = value };

    private static Dictionary<string, object?> Without(Dictionary<string, object?> values, string name)
    {
        var copy = new Dictionary<string, object?>(values);
        copy.Remove(name);
        return copy;
    }

    /// <summary>A genuine token with one payload member changed and the original signature kept.</summary>
    private static string Tampered(string token, string name, object value)
    {
        var payload = JwtCraft.Decode(token).Payload.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        payload[name] = value;
        return JwtCraft.ReplacePayload(token, payload);
    }

    /// <summary>A genuine token with one header member changed and the original payload and signature kept.</summary>
    private static string TamperedHeader(string token, string name, object value)
    {
        var parts = token.Split('.');
        var header = JwtCraft.Segment(parts[0]).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        header[name] = value;
        return $"{JwtCraft.Encode(header)}.{parts[1]}.{parts[2]}";
    }

    /// <summary><paramref name="token"/>'s header and payload with <paramref name="donor"/>'s signature.</summary>
    private static string SpliceSignature(string token, string donor) =>
        token[..token.LastIndexOf('.')] + donor[donor.LastIndexOf('.')..];
}
