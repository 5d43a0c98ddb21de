using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// bcrypt through BCrypt.Net-Next: <c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c>, a two-digit cost, then 22 characters of
/// salt and 31 of checksum in bcrypt's base64 (<c>./A-Za-z0-9</c>). Passwords longer than 72 bytes are cut at 72,
/// as every bcrypt does; passwords with a NUL character are refused (C implementations would cut them there).
/// </summary>
internal static class BcryptHash
{
    public const int MinWorkFactor = 4;
    private const int Length = 60;
    private const int ChecksumLength = 31;

    public static string Hash(string password, int workFactor) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(workFactor, 'b'));

    public static bool TryParse(string hash, out int workFactor)
    {
        workFactor = 0;
        if (hash.Length != Length || !hash.StartsWith("$2", StringComparison.Ordinal) || hash[2] is not ('a' or 'b' or 'y')
            || hash[3] != '$' || hash[6] != '$' || !char.IsAsciiDigit(hash[4]) || !char.IsAsciiDigit(hash[5])
            || !HashFields.IsHash64(hash.AsSpan(7), Length - 7, Length - 7))
        {
            return false;
        }

        workFactor = int.Parse(hash.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        return workFactor is >= MinWorkFactor and <= 31;
    }

    public static bool Verify(string password, string hash)
    {
        if (password.Contains('\0', StringComparison.Ordinal) || !TryParse(hash, out var workFactor)
            || workFactor > PasswordHashLimits.MaxBcryptWorkFactor)
        {
            return false;
        }

        // Hash again with the stored salt and compare only the checksums, in constant time.
        var computed = BCrypt.Net.BCrypt.HashPassword(password, hash);
        return computed.Length == Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed[^ChecksumLength..]), Encoding.ASCII.GetBytes(hash[^ChecksumLength..]));
    }
}
