using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>Unsalted MD5, SHA-1, SHA-256 and SHA-512 hexadecimal digests of the UTF-8 password (either case when
/// verified, lower case when written).</summary>
internal static class HexDigestHash
{
    public static PasswordHashType? Identify(string hash)
    {
        PasswordHashType? type = hash.Length switch
        {
            32 => PasswordHashType.Md5,
            40 => PasswordHashType.Sha1,
            64 => PasswordHashType.Sha256,
            128 => PasswordHashType.Sha512,
            _ => null,
        };
        return type is not null && IsHex(hash) ? type : null;
    }

    public static bool Verify(ReadOnlySpan<byte> password, string hash, PasswordHashType type)
    {
        Span<byte> stored = stackalloc byte[64];
        Span<byte> computed = stackalloc byte[64];
        var length = Compute(password, type, computed);
        return hash.Length == 2 * length
            && Convert.FromHexString(hash, stored, out _, out var written) == OperationStatus.Done && written == length
            && CryptographicOperations.FixedTimeEquals(computed[..length], stored[..length]);
    }

    /// <summary>The lower-case hexadecimal digest of <paramref name="password"/>, as the legacy hash stores it.</summary>
    public static string Hex(ReadOnlySpan<byte> password, PasswordHashType type)
    {
        Span<byte> digest = stackalloc byte[64];
        return Convert.ToHexStringLower(digest[..Compute(password, type, digest)]);
    }

    /// <summary>Writes the digest of <paramref name="type"/> (MD5, SHA-1, SHA-256 or SHA-512); returns its length.</summary>
    [SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Legacy seed formats: verified, and written only when a users-file tool asks for them.")]
    [SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms", Justification = "Legacy seed formats: verified, and written only when a users-file tool asks for them.")]
    private static int Compute(ReadOnlySpan<byte> password, PasswordHashType type, Span<byte> digest) => type switch
    {
        PasswordHashType.Md5 => MD5.HashData(password, digest),
        PasswordHashType.Sha1 => SHA1.HashData(password, digest),
        PasswordHashType.Sha256 => SHA256.HashData(password, digest),
        _ => SHA512.HashData(password, digest),
    };

    private static bool IsHex(string hash)
    {
        foreach (var c in hash)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
