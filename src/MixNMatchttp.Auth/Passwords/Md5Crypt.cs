using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// MD5-crypt, Poul-Henning Kamp's FreeBSD algorithm: <c>$1$salt$checksum</c>, a salt of up to 8 hash64
/// characters and a 22-character checksum, 1000 fixed rounds. New hashes have an 8-character salt, as passlib's.
/// </summary>
internal static class Md5Crypt
{
    public const string Prefix = "$1$";
    private const int MaxSaltLength = 8;
    private const int ChecksumLength = 22;

    // The spec's output order: (0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5), then 11,
    // each triple written low byte first.
    private static ReadOnlySpan<byte> Transpose => [12, 6, 0, 13, 7, 1, 14, 8, 2, 15, 9, 3, 5, 10, 4, 11];

    /// <summary>A new hash of <paramref name="password"/> (no NUL character) with a random 8-character salt.</summary>
    public static string Hash(ReadOnlySpan<byte> password)
    {
        var salt = CryptBase64.RandomSalt(MaxSaltLength);
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        Compute(password, Encoding.ASCII.GetBytes(salt), checksum);
        return $"{Prefix}{salt}${Encoding.ASCII.GetString(checksum)}";
    }

    public static bool TryParse(string hash, out string salt, out string checksum)
    {
        salt = checksum = string.Empty;
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[2];
        var body = hash.AsSpan(Prefix.Length);
        if (!HashFields.TrySplit(body, parts)
            || !HashFields.IsHash64(body[parts[0]], 0, MaxSaltLength) || !HashFields.IsHash64(body[parts[1]], ChecksumLength, ChecksumLength))
        {
            return false;
        }

        salt = body[parts[0]].ToString();
        checksum = body[parts[1]].ToString();
        return true;
    }

    public static bool Verify(ReadOnlySpan<byte> password, string hash) => LegacyHash.Matches(Rehash(password, hash), hash);

    /// <summary>The hash string <paramref name="password"/> gives with the salt of <paramref name="hash"/>; null when
    /// the hash is malformed or the password contains a NUL character.</summary>
    public static string? Rehash(ReadOnlySpan<byte> password, string hash)
    {
        if (password.Contains((byte)0) || !TryParse(hash, out var salt, out _))
        {
            return null;
        }

        Span<byte> computed = stackalloc byte[ChecksumLength];
        Compute(password, Encoding.ASCII.GetBytes(salt), computed);
        return $"{Prefix}{salt}${Encoding.ASCII.GetString(computed)}";
    }

    /// <summary>Writes the encoded checksum (22 ASCII bytes) of <paramref name="password"/> with <paramref name="salt"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, Span<byte> checksum)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> final = stackalloc byte[16];

        // The "alternate" sum: MD5(password, salt, password).
        md5.AppendData(password);
        md5.AppendData(salt);
        md5.AppendData(password);
        md5.GetHashAndReset(final);

        md5.AppendData(password);
        md5.AppendData("$1$"u8);
        md5.AppendData(salt);
        for (var left = password.Length; left > 0; left -= 16)
        {
            md5.AppendData(final[..Math.Min(left, 16)]);
        }

        // For each bit of the length, from the lowest: a NUL byte for 1, the first password byte for 0.
        ReadOnlySpan<byte> nul = [0];
        for (var bits = password.Length; bits != 0; bits >>= 1)
        {
            md5.AppendData((bits & 1) != 0 ? nul : password[..1]);
        }

        md5.GetHashAndReset(final);

        // 1000 rounds to slow an attacker down.
        for (var i = 0; i < 1000; i++)
        {
            md5.AppendData((i & 1) != 0 ? password : final);
            if (i % 3 != 0)
            {
                md5.AppendData(salt);
            }

            if (i % 7 != 0)
            {
                md5.AppendData(password);
            }

            md5.AppendData((i & 1) != 0 ? final : password);
            md5.GetHashAndReset(final);
        }

        CryptBase64.EncodeTransposed(final, Transpose, checksum);
    }
}
