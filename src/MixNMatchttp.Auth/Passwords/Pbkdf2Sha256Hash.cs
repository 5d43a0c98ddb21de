using System.Globalization;
using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>
/// passlib's <c>pbkdf2_sha256</c>: <c>$pbkdf2-sha256$rounds$salt$checksum</c>, salt and 32-byte checksum in
/// passlib's adapted base64 ('.' for '+', no padding).
/// </summary>
internal static class Pbkdf2Sha256Hash
{
    public const string Prefix = "$pbkdf2-sha256$";
    public const int SaltBytes = 16;
    private const int ChecksumBytes = 32;

    public static string Hash(ReadOnlySpan<byte> password, int iterations)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, checksum, iterations, HashAlgorithmName.SHA256);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{iterations}${PasslibBase64.EncodeAdapted(salt)}${PasslibBase64.EncodeAdapted(checksum)}");
    }

    public static bool TryParse(string hash, out long iterations, out byte[] salt, out byte[] checksum)
    {
        iterations = 0;
        salt = checksum = [];
        if (!hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[3];
        var body = hash.AsSpan(Prefix.Length);
        return HashFields.TrySplit(body, parts)
            && HashFields.TryParseDecimal(body[parts[0]], out iterations) && iterations is >= 1 and <= uint.MaxValue
            && PasslibBase64.TryDecode(body[parts[1]], adapted: true, PasswordHashLimits.MaxSaltBytes, out salt)
            && PasslibBase64.TryDecode(body[parts[2]], adapted: true, ChecksumBytes, out checksum) && checksum.Length == ChecksumBytes;
    }

    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParse(hash, out var iterations, out var salt, out var checksum) || iterations > PasswordHashLimits.MaxPbkdf2Iterations)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[ChecksumBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, computed, (int)iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(computed, checksum);
    }
}
