using System.Globalization;
using System.Security.Cryptography;
using Konscious.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>
/// Argon2 (RFC 9106) in the PHC string format, as written by the reference implementation, argon2-cffi and
/// passlib: <c>$argon2id$v=19$m=KiB,t=passes,p=lanes$salt$hash</c>, salt and hash in standard base64 without
/// padding. New hashes are Argon2id with a 16-byte salt and a 32-byte hash; <c>$argon2i$</c> and
/// <c>$argon2d$</c> are verified too. Only version 19 (0x13) is supported. Computed by Konscious.Security.Cryptography,
/// which refuses the empty password: it never matches.
/// </summary>
internal static class Argon2Hash
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;
    private const int MinSaltBytes = 8;
    private const int MinHashBytes = 16;
    private const int MaxHashBytes = 1024;

    /// <summary>The Argon2 variants.</summary>
    internal enum Variant
    {
        Id,
        I,
        D,
    }

    /// <summary>A parsed hash string.</summary>
    internal readonly record struct Parsed(Variant Variant, long MemoryKiB, long Iterations, long Parallelism, byte[] Salt, byte[] Hash);

    public static string Hash(byte[] password, int memoryKiB, int iterations, int parallelism)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(Variant.Id, password, salt, memoryKiB, iterations, parallelism, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={memoryKiB},t={iterations},p={parallelism}${PasslibBase64.Encode(salt)}${PasslibBase64.Encode(hash)}");
    }

    public static bool TryParse(string hash, out Parsed parsed)
    {
        parsed = default;
        Variant variant;
        string prefix;
        if (hash.StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            (variant, prefix) = (Variant.Id, "$argon2id$");
        }
        else if (hash.StartsWith("$argon2i$", StringComparison.Ordinal))
        {
            (variant, prefix) = (Variant.I, "$argon2i$");
        }
        else if (hash.StartsWith("$argon2d$", StringComparison.Ordinal))
        {
            (variant, prefix) = (Variant.D, "$argon2d$");
        }
        else
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[4];
        Span<Range> settings = stackalloc Range[3];
        var body = hash.AsSpan(prefix.Length);
        if (!HashFields.TrySplit(body, parts) || !body[parts[0]].SequenceEqual("v=19"))
        {
            return false;
        }

        var fields = body[parts[1]];
        if (fields.Split(settings, ',') != 3 || fields[settings[2]].Contains(',')
            || !TryParseSetting(fields[settings[0]], "m=", out var m) || !TryParseSetting(fields[settings[1]], "t=", out var t)
            || !TryParseSetting(fields[settings[2]], "p=", out var p)
            || p is < 1 or > 0xFFFFFF || t < 1 || m < 8 * p || m > uint.MaxValue
            || !PasslibBase64.TryDecode(body[parts[2]], adapted: false, PasswordHashLimits.MaxSaltBytes, out var salt) || salt.Length < MinSaltBytes
            || !PasslibBase64.TryDecode(body[parts[3]], adapted: false, MaxHashBytes, out var digest) || digest.Length < MinHashBytes)
        {
            return false;
        }

        parsed = new Parsed(variant, m, t, p, salt, digest);
        return true;
    }

    /// <summary>Whether the parameters are within <see cref="PasswordHashLimits"/>.</summary>
    public static bool WithinLimits(in Parsed parsed) =>
        parsed.MemoryKiB <= PasswordHashLimits.MaxArgon2MemoryKiB && parsed.Iterations <= PasswordHashLimits.MaxArgon2Iterations
        && parsed.MemoryKiB * parsed.Iterations <= PasswordHashLimits.MaxArgon2Work && parsed.Parallelism <= PasswordHashLimits.MaxArgon2Parallelism;

    public static bool Verify(byte[] password, string hash)
    {
        // Konscious refuses the empty password (the Argon2 specification allows it).
        if (password.Length == 0 || !TryParse(hash, out var parsed) || !WithinLimits(parsed))
        {
            return false;
        }

        var computed = Compute(parsed.Variant, password, parsed.Salt, (int)parsed.MemoryKiB, (int)parsed.Iterations, (int)parsed.Parallelism, parsed.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(computed, parsed.Hash);
    }

    private static byte[] Compute(Variant variant, byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using Argon2 argon2 = variant switch
        {
            Variant.I => new Argon2i(password),
            Variant.D => new Argon2d(password),
            _ => new Argon2id(password),
        };
        argon2.Salt = salt;
        argon2.MemorySize = memoryKiB;
        argon2.Iterations = iterations;
        argon2.DegreeOfParallelism = parallelism;
        return argon2.GetBytes(length);
    }

    private static bool TryParseSetting(ReadOnlySpan<char> field, string name, out long value)
    {
        value = 0;
        return field.StartsWith(name, StringComparison.Ordinal) && HashFields.TryParseDecimal(field[name.Length..], out value);
    }
}
