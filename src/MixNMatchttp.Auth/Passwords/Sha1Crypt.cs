using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// NetBSD's SHA1-crypt, as passlib's <c>sha1_crypt</c>: <c>$sha1$rounds$salt$checksum</c>. The digest starts as
/// HMAC-SHA1(key = password, message = "salt$sha1$rounds") and is fed back through HMAC-SHA1 with the same key,
/// <c>rounds</c> times in all; the 20 bytes are encoded in hash64 (28 characters). New hashes have passlib's defaults:
/// 480,000 rounds and an 8-character salt.
/// </summary>
internal static class Sha1Crypt
{
    public const string Prefix = "$sha1$";
    public const int DefaultRounds = 480_000;
    private const int SaltLength = 8;
    private const int MaxSaltLength = 64;
    private const int ChecksumLength = 28;
    private const long MaxRoundsInFormat = uint.MaxValue;

    // NetBSD's crypt-sha1.c output order: (0, 1, 2), (3, 4, 5), …, (15, 16, 17), (18, 19, 0), each triple
    // written with its first byte as the most significant.
    private static ReadOnlySpan<byte> Transpose => [2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9, 14, 13, 12, 17, 16, 15, 0, 19, 18];

    /// <summary>A new hash of <paramref name="password"/> (no NUL character) with a random salt.</summary>
    public static string Hash(ReadOnlySpan<byte> password)
    {
        var salt = CryptBase64.RandomSalt(SaltLength);
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        Compute(password, salt, DefaultRounds, checksum);
        return FormattableString.Invariant($"{Prefix}{DefaultRounds}${salt}${Encoding.ASCII.GetString(checksum)}");
    }

    public static bool TryParse(string hash, out long rounds, out string salt, out string checksum)
    {
        rounds = 0;
        salt = checksum = string.Empty;
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[3];
        var body = hash.AsSpan(Prefix.Length);
        if (!HashFields.TrySplit(body, parts) || !HashFields.TryParseDecimal(body[parts[0]], out rounds)
            || rounds is < 1 or > MaxRoundsInFormat
            || !HashFields.IsHash64(body[parts[1]], 0, MaxSaltLength) || !HashFields.IsHash64(body[parts[2]], ChecksumLength, ChecksumLength))
        {
            return false;
        }

        salt = body[parts[1]].ToString();
        checksum = body[parts[2]].ToString();
        return true;
    }

    public static bool Verify(ReadOnlySpan<byte> password, string hash) => LegacyHash.Matches(Rehash(password, hash), hash);

    /// <summary>The hash string <paramref name="password"/> gives with the rounds and salt of <paramref name="hash"/>;
    /// null when the hash is malformed or beyond the limits, or the password contains a NUL character.</summary>
    public static string? Rehash(ReadOnlySpan<byte> password, string hash)
    {
        if (password.Contains((byte)0) || !TryParse(hash, out var rounds, out var salt, out _) || rounds > PasswordHashLimits.MaxCryptRounds)
        {
            return null;
        }

        Span<byte> computed = stackalloc byte[ChecksumLength];
        Compute(password, salt, (int)rounds, computed);
        return FormattableString.Invariant($"{Prefix}{rounds}${salt}${Encoding.ASCII.GetString(computed)}");
    }

    /// <summary>Writes the encoded checksum (28 ASCII bytes).</summary>
    public static void Compute(ReadOnlySpan<byte> password, string salt, int rounds, Span<byte> checksum)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, password);
        Span<byte> digest = stackalloc byte[20];
        hmac.AppendData(Encoding.ASCII.GetBytes(FormattableString.Invariant($"{salt}$sha1${rounds}")));
        hmac.GetHashAndReset(digest);
        for (var i = 1; i < rounds; i++)
        {
            hmac.AppendData(digest);
            hmac.GetHashAndReset(digest);
        }

        CryptBase64.EncodeTransposed(digest, Transpose, checksum);
    }
}
