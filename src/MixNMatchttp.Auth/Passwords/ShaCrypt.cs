using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// SHA-256-crypt and SHA-512-crypt after Ulrich Drepper's specification ("Unix crypt using SHA-256 and SHA-512"):
/// <c>$5$[rounds=N$]salt$checksum</c> and <c>$6$[rounds=N$]salt$checksum</c>, a salt of up to 16 hash64
/// characters, 1000 to 999,999,999 rounds (5000 when the field is absent). New hashes have passlib's defaults: a
/// 16-character salt and 535,000 rounds (SHA-256) or 656,000 (SHA-512), written in the string.
/// </summary>
internal static class ShaCrypt
{
    public const string Sha256Prefix = "$5$";
    public const string Sha512Prefix = "$6$";
    public const int DefaultRounds = 5000;
    public const int MinRounds = 1000;
    public const int MaxRounds = 999_999_999;
    public const int Sha256NewRounds = 535_000;
    public const int Sha512NewRounds = 656_000;
    private const string RoundsField = "rounds=";
    private const int MaxSaltLength = 16;

    // The spec's output order (b64_from_24bit calls), each triple written low byte first.
    private static ReadOnlySpan<byte> Transpose256 =>
    [
        20, 10, 0, 11, 1, 21, 2, 22, 12, 23, 13, 3, 14, 4, 24, 5,
        25, 15, 26, 16, 6, 17, 7, 27, 8, 28, 18, 29, 19, 9, 30, 31,
    ];

    private static ReadOnlySpan<byte> Transpose512 =>
    [
        42, 21, 0, 1, 43, 22, 23, 2, 44, 45, 24, 3, 4, 46, 25, 26,
        5, 47, 48, 27, 6, 7, 49, 28, 29, 8, 50, 51, 30, 9, 10, 52,
        31, 32, 11, 53, 54, 33, 12, 13, 55, 34, 35, 14, 56, 57, 36, 15,
        16, 58, 37, 38, 17, 59, 60, 39, 18, 19, 61, 40, 41, 20, 62, 63,
    ];

    /// <summary>A parsed hash string.</summary>
    internal readonly record struct Parsed(bool Is512, long Rounds, string Salt, string Checksum);

    private static int ChecksumLength(bool is512) => is512 ? 86 : 43;

    /// <summary>A new hash of <paramref name="password"/> (no NUL character) with a random 16-character salt.</summary>
    public static string Hash(ReadOnlySpan<byte> password, bool is512) =>
        Crypt(password, FormattableString.Invariant(
            $"{(is512 ? Sha512Prefix : Sha256Prefix)}{RoundsField}{(is512 ? Sha512NewRounds : Sha256NewRounds)}${CryptBase64.RandomSalt(MaxSaltLength)}"));

    /// <summary>Parses a complete hash string strictly (as passlib does: no clamping, no truncation).</summary>
    public static bool TryParse(string hash, out Parsed parsed)
    {
        parsed = default;
        bool is512;
        if (hash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            is512 = false;
        }
        else if (hash.StartsWith(Sha512Prefix, StringComparison.Ordinal))
        {
            is512 = true;
        }
        else
        {
            return false;
        }

        var body = hash.AsSpan(Sha256Prefix.Length);
        long rounds = DefaultRounds;
        if (body.StartsWith(RoundsField, StringComparison.Ordinal))
        {
            var end = body.IndexOf('$');
            if (end < 0 || !HashFields.TryParseDecimal(body[RoundsField.Length..end], out rounds) || rounds is < MinRounds or > MaxRounds)
            {
                return false;
            }

            body = body[(end + 1)..];
        }

        Span<Range> parts = stackalloc Range[2];
        if (!HashFields.TrySplit(body, parts) || !HashFields.IsHash64(body[parts[0]], 0, MaxSaltLength)
            || !HashFields.IsHash64(body[parts[1]], ChecksumLength(is512), ChecksumLength(is512)))
        {
            return false;
        }

        parsed = new Parsed(is512, rounds, body[parts[0]].ToString(), body[parts[1]].ToString());
        return true;
    }

    public static bool Verify(ReadOnlySpan<byte> password, string hash) => LegacyHash.Matches(Rehash(password, hash), hash);

    /// <summary>The hash string <paramref name="password"/> gives with the rounds and salt of <paramref name="hash"/>
    /// (written as in <paramref name="hash"/>); null when the hash is malformed or beyond the limits, or the password
    /// contains a NUL character.</summary>
    public static string? Rehash(ReadOnlySpan<byte> password, string hash)
    {
        if (password.Contains((byte)0) || !TryParse(hash, out var parsed) || parsed.Rounds > PasswordHashLimits.MaxCryptRounds)
        {
            return null;
        }

        Span<byte> computed = stackalloc byte[ChecksumLength(parsed.Is512)];
        Compute(password, Encoding.ASCII.GetBytes(parsed.Salt), (int)parsed.Rounds, parsed.Is512, computed);
        return string.Concat(hash.AsSpan(0, hash.Length - computed.Length), Encoding.ASCII.GetString(computed));
    }

    /// <summary>
    /// The spec's <c>crypt(key, setting)</c>: reads <c>$5$</c>/<c>$6$</c>, an optional <c>rounds=N$</c> (clamped to
    /// 1000…999,999,999) and a salt (cut at 16 characters or the next '$') from <paramref name="setting"/>, and
    /// returns the full hash string. Checked by the tests against the spec's published vectors.
    /// </summary>
    public static string Crypt(ReadOnlySpan<byte> password, string setting)
    {
        var is512 = setting.StartsWith(Sha512Prefix, StringComparison.Ordinal);
        if (!is512 && !setting.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("not a SHA-crypt setting", nameof(setting));
        }

        var rest = setting.AsSpan(Sha256Prefix.Length);
        long? rounds = null;
        if (rest.StartsWith(RoundsField, StringComparison.Ordinal))
        {
            var end = rest.IndexOf('$');
            var digits = rest[RoundsField.Length..(end < 0 ? rest.Length : end)];
            rounds = Math.Clamp(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture), MinRounds, MaxRounds);
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        var saltEnd = rest.IndexOf('$');
        var salt = rest[..Math.Min(saltEnd < 0 ? rest.Length : saltEnd, MaxSaltLength)].ToString();
        Span<byte> checksum = stackalloc byte[ChecksumLength(is512)];
        Compute(password, Encoding.ASCII.GetBytes(salt), (int)(rounds ?? DefaultRounds), is512, checksum);
        var roundsField = rounds is { } n ? FormattableString.Invariant($"{RoundsField}{n}$") : string.Empty;
        return $"{(is512 ? Sha512Prefix : Sha256Prefix)}{roundsField}{salt}${Encoding.ASCII.GetString(checksum)}";
    }

    /// <summary>Writes the encoded checksum (43 or 86 ASCII bytes), following the spec's steps.</summary>
    public static void Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds, bool is512, Span<byte> checksum)
    {
        var size = is512 ? 64 : 32;
        using var sha = IncrementalHash.CreateHash(is512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

        // Digest B = H(password, salt, password).
        Span<byte> b = stackalloc byte[size];
        sha.AppendData(password);
        sha.AppendData(salt);
        sha.AppendData(password);
        sha.GetHashAndReset(b);

        // Digest A = H(password, salt, B repeated to the password's length, then per length bit: B for 1, password for 0).
        Span<byte> a = stackalloc byte[size];
        sha.AppendData(password);
        sha.AppendData(salt);
        var left = password.Length;
        for (; left > size; left -= size)
        {
            sha.AppendData(b);
        }

        sha.AppendData(b[..left]);
        for (var bits = password.Length; bits != 0; bits >>= 1)
        {
            sha.AppendData((bits & 1) != 0 ? b : password);
        }

        sha.GetHashAndReset(a);

        // Sequence P: H(password repeated password-length times), repeated to the password's length.
        Span<byte> digest = stackalloc byte[size];
        for (var i = 0; i < password.Length; i++)
        {
            sha.AppendData(password);
        }

        sha.GetHashAndReset(digest);
        var p = new byte[password.Length];
        for (var i = 0; i < p.Length; i += size)
        {
            digest[..Math.Min(size, p.Length - i)].CopyTo(p.AsSpan(i));
        }

        // Sequence S: H(salt repeated 16 + A[0] times), cut to the salt's length (at most 16 < size).
        for (var i = 0; i < 16 + a[0]; i++)
        {
            sha.AppendData(salt);
        }

        sha.GetHashAndReset(digest);
        var s = digest[..salt.Length].ToArray();

        // The rounds: C alternates with P, with S unless i is a multiple of 3, with P unless a multiple of 7.
        // Each round's input is assembled in one buffer: one call into the crypto library instead of four.
        var c = a;
        var input = new byte[(2 * Math.Max(size, p.Length)) + p.Length + s.Length];
        for (var i = 0; i < rounds; i++)
        {
            var odd = (i & 1) != 0;
            var length = Append(input, 0, odd ? p : c);
            if (i % 3 != 0)
            {
                length = Append(input, length, s);
            }

            if (i % 7 != 0)
            {
                length = Append(input, length, p);
            }

            length = Append(input, length, odd ? c : p);
            sha.AppendData(input, 0, length);
            sha.GetHashAndReset(c);
        }

        CryptBase64.EncodeTransposed(c, is512 ? Transpose512 : Transpose256, checksum);
        CryptographicOperations.ZeroMemory(p);
        CryptographicOperations.ZeroMemory(input);
    }

    private static int Append(byte[] buffer, int offset, ReadOnlySpan<byte> data)
    {
        data.CopyTo(buffer.AsSpan(offset));
        return offset + data.Length;
    }
}
