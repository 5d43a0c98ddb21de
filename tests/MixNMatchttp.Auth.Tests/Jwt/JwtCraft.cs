using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>
/// Reads and builds compact JWS tokens byte by byte, so tests control every header member, claim and signature
/// (independently of the library the server uses).
/// </summary>
internal static class JwtCraft
{
    /// <summary>The header and payload of a compact token, decoded.</summary>
    public static (JsonElement Header, JsonElement Payload) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Segment(parts[0]), Segment(parts[1]));
    }

    public static JsonElement Segment(string part)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        return document.RootElement.Clone();
    }

    public static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    /// <summary>header.payload.signature; <paramref name="sign"/> null gives an empty signature.</summary>
    public static string Token(object header, object payload, Func<byte[], byte[]>? sign) =>
        Signed(Encode(header) + "." + Encode(payload), sign);

    public static string Signed(string signingInput, Func<byte[], byte[]>? sign) =>
        signingInput + "." + (sign is null ? string.Empty : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput))));

    public static Func<byte[], byte[]> Hmac(string algorithm, byte[] key) => algorithm switch
    {
        "HS256" => data => HMACSHA256.HashData(key, data),
        "HS384" => data => HMACSHA384.HashData(key, data),
        "HS512" => data => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an HMAC algorithm"),
    };

    public static Func<byte[], byte[]> Hmac(string algorithm, string key) => Hmac(algorithm, Encoding.UTF8.GetBytes(key));

    public static Func<byte[], byte[]> Rsa(RSA key, HashAlgorithmName hash, RSASignaturePadding padding) => data => key.SignData(data, hash, padding);

    public static Func<byte[], byte[]> Rs256(RSA key) => Rsa(key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static Func<byte[], byte[]> Es256(ECDsa key) => data => key.SignData(data, HashAlgorithmName.SHA256);

    public static Dictionary<string, object?> Header(string algorithm, string? kid)
    {
        var header = new Dictionary<string, object?> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    /// <summary>Claims of a token for <paramref name="subject"/>: issued 10 s ago, valid for 10 minutes.</summary>
    public static Dictionary<string, object?> Claims(string subject = "alice", DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object?>
        {
            ["sub"] = subject,
            ["iat"] = at.AddSeconds(-10).ToUnixTimeSeconds(),
            ["nbf"] = at.AddSeconds(-10).ToUnixTimeSeconds(),
            ["exp"] = at.AddMinutes(10).ToUnixTimeSeconds(),
        };
    }

    public static long Unix(TimeSpan fromNow) => DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds();

    /// <summary>The token with one character of its signature changed (in the middle, so it is not a padding bit).</summary>
    public static string FlipSignatureChar(string token)
    {
        var start = token.LastIndexOf('.') + 1;
        var index = start + ((token.Length - start) / 2);
        var replacement = token[index] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, index), replacement.ToString(), token.AsSpan(index + 1));
    }

    /// <summary>The token with its payload replaced and its header and signature kept.</summary>
    public static string ReplacePayload(string token, object payload)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }
}
