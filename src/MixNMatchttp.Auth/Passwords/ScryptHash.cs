using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>
/// passlib's scrypt format: <c>$scrypt$ln=LOG2N,r=R,p=P$salt$checksum</c>, salt and 32-byte checksum in
/// standard base64 without padding. New hashes have passlib's defaults: ln=16, r=8, p=1 (64 MiB) and a 16-byte salt.
/// </summary>
internal static class ScryptHash
{
    public const string Prefix = "$scrypt$";
    private const int ChecksumBytes = 32;
    private const int NewLogN = 16;
    private const int NewR = 8;
    private const int NewP = 1;
    private const int SaltBytes = 16;

    /// <summary>A new hash of <paramref name="password"/> with a random salt.</summary>
    public static string Hash(ReadOnlySpan<byte> password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var checksum = Scrypt.DeriveKey(password, salt, NewLogN, NewR, NewP, ChecksumBytes);
        return FormattableString.Invariant($"{Prefix}ln={NewLogN},r={NewR},p={NewP}${PasslibBase64.Encode(salt)}${PasslibBase64.Encode(checksum)}");
    }

    /// <summary>A parsed hash string.</summary>
    internal readonly record struct Parsed(int LogN, int R, int P, byte[] Salt, byte[] Checksum);

    public static bool TryParse(string hash, out Parsed parsed)
    {
        parsed = default;
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[3];
        Span<Range> settings = stackalloc Range[3];
        var body = hash.AsSpan(Prefix.Length);
        if (!HashFields.TrySplit(body, parts))
        {
            return false;
        }

        var fields = body[parts[0]];
        if (fields.Split(settings, ',') != 3 || fields[settings[2]].Contains(',')
            || !TryParseSetting(fields[settings[0]], "ln=", out var logN) || !TryParseSetting(fields[settings[1]], "r=", out var r)
            || !TryParseSetting(fields[settings[2]], "p=", out var p)
            || logN is < 1 or > 31 || r < 1 || p < 1 || r * p >= 1 << 30
            || !PasslibBase64.TryDecode(body[parts[1]], adapted: false, PasswordHashLimits.MaxSaltBytes, out var salt)
            || !PasslibBase64.TryDecode(body[parts[2]], adapted: false, ChecksumBytes, out var checksum) || checksum.Length != ChecksumBytes)
        {
            return false;
        }

        parsed = new Parsed((int)logN, (int)r, (int)p, salt, checksum);
        return true;
    }

    /// <summary>Whether the parameters are within <see cref="PasswordHashLimits"/>.</summary>
    public static bool WithinLimits(in Parsed parsed) =>
        parsed.LogN <= PasswordHashLimits.MaxScryptLogN
        && 128L * parsed.R << parsed.LogN <= PasswordHashLimits.MaxScryptMemoryBytes
        && (long)parsed.R * parsed.P << parsed.LogN <= PasswordHashLimits.MaxScryptWork;

    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParse(hash, out var parsed) || !WithinLimits(parsed))
        {
            return false;
        }

        var computed = Scrypt.DeriveKey(password, parsed.Salt, parsed.LogN, parsed.R, parsed.P, ChecksumBytes);
        return CryptographicOperations.FixedTimeEquals(computed, parsed.Checksum);
    }

    private static bool TryParseSetting(ReadOnlySpan<char> field, string name, out long value)
    {
        value = 0;
        return field.StartsWith(name, StringComparison.Ordinal) && HashFields.TryParseDecimal(field[name.Length..], out value);
    }
}
