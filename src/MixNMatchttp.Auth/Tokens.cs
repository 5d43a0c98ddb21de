using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>Random tokens from the CSPRNG, and the hashes stores keep instead of them.</summary>
internal static class Tokens
{
    /// <summary>A cookie session token: 256 bits as 64 hex characters.</summary>
    public static string NewSessionToken() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    /// <summary>A refresh token: 100 hex characters (400 bits), as in the seed.</summary>
    public static string NewRefreshToken() => RandomNumberGenerator.GetHexString(100, lowercase: true);

    public static string Hash(string token)
    {
        Span<byte> utf8 = token.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(token.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
        var length = Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="token"/> looks like one of ours (hex, sane length) before any store lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: >= 32 and <= 200 } && token.All(char.IsAsciiHexDigitLower);
}
