using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// The fast legacy formats (unsalted digests, MD5-crypt, SHA1-crypt, SHA-256- and SHA-512-crypt): recomputing them for
/// a password, and wrapping them in a new hash (<see cref="PasswordHashType.WrappedLegacy"/>) so that checking a wrong
/// password costs what checking an unknown user's password costs. A wrapped hash is <c>$wrapped$MASKED#INNER</c>:
/// MASKED is the legacy hash with its checksum blanked out (algorithm, rounds and salt stay), INNER a new hash of
/// the whole legacy hash string.
/// </summary>
internal static class LegacyHash
{
    public const string WrappedPrefix = "$wrapped$";
    private const char WrappedSeparator = '#';

    /// <summary>Whether <paramref name="type"/> is a legacy format that costs less than a new hash.</summary>
    public static bool IsFast(PasswordHashType? type) => type is PasswordHashType.Md5 or PasswordHashType.Sha1 or PasswordHashType.Sha256
        or PasswordHashType.Sha512 or PasswordHashType.Md5Crypt or PasswordHashType.Sha1Crypt or PasswordHashType.Sha256Crypt
        or PasswordHashType.Sha512Crypt;

    /// <summary>Whether a recomputed hash string equals the stored one, in constant time.</summary>
    public static bool Matches(string? computed, string stored) =>
        computed is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(stored));

    /// <summary>The legacy hash string <paramref name="password"/> gives with the settings (rounds, salt) of
    /// <paramref name="legacy"/>, a hash of the fast <paramref name="type"/>; null when it cannot be computed.</summary>
    public static string? Rehash(ReadOnlySpan<byte> password, string legacy, PasswordHashType type) => type switch
    {
        PasswordHashType.Md5Crypt => Md5Crypt.Rehash(password, legacy),
        PasswordHashType.Sha1Crypt => Sha1Crypt.Rehash(password, legacy),
        PasswordHashType.Sha256Crypt or PasswordHashType.Sha512Crypt => ShaCrypt.Rehash(password, legacy),
        _ => HexDigestHash.Hex(password, type),
    };

    /// <summary>Wraps <paramref name="legacy"/>, a hash of the fast <paramref name="type"/>, with <paramref name="hash"/>.</summary>
    public static string Wrap(string legacy, PasswordHashType type, Func<string, string> hash)
    {
        var isDigest = type is PasswordHashType.Md5 or PasswordHashType.Sha1 or PasswordHashType.Sha256 or PasswordHashType.Sha512;
        var canonical = isDigest ? legacy.ToLowerInvariant() : legacy;
        var checksumStart = canonical.LastIndexOf('$') + 1;
        var masked = string.Concat(canonical.AsSpan(0, checksumStart), new string(isDigest ? '0' : '.', canonical.Length - checksumStart));
        return WrappedPrefix + masked + WrappedSeparator + hash(canonical);
    }

    /// <summary>Reads a wrapped hash: the masked legacy hash, its type, and the inner (new) hash.</summary>
    public static bool TryParseWrapped(string stored, out string masked, out PasswordHashType legacyType, out string inner)
    {
        masked = inner = string.Empty;
        legacyType = default;
        var separator = stored.IndexOf(WrappedSeparator, StringComparison.Ordinal);
        if (!stored.StartsWith(WrappedPrefix, StringComparison.Ordinal) || separator < 0)
        {
            return false;
        }

        masked = stored[WrappedPrefix.Length..separator];
        inner = stored[(separator + 1)..];
        if (PasswordHasher.Identify(masked) is not { } type || !IsFast(type)
            || PasswordHasher.Identify(inner) is not (PasswordHashType.Argon2id or PasswordHashType.Bcrypt or PasswordHashType.Pbkdf2Sha256))
        {
            return false;
        }

        legacyType = type;
        return true;
    }
}
