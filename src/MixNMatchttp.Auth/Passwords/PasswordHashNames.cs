namespace MixNMatchttp.Auth;

/// <summary>
/// The names of the password hash types on a command line and in listings: those of the Python seed's users-file
/// option (passlib's: <c>plaintext</c>, <c>md5</c>, <c>sha1</c>, <c>sha256</c>, <c>sha512</c>, <c>md5_crypt</c>,
/// <c>sha1_crypt</c>, <c>sha256_crypt</c>, <c>sha512_crypt</c>, <c>bcrypt</c>, <c>scrypt</c>) plus <c>argon2id</c>
/// and <c>pbkdf2_sha256</c>.
/// </summary>
public static class PasswordHashNames
{
    private static readonly (PasswordHashType Type, string Name)[] Writable =
    [
        (PasswordHashType.Plaintext, "plaintext"),
        (PasswordHashType.Md5, "md5"),
        (PasswordHashType.Sha1, "sha1"),
        (PasswordHashType.Sha256, "sha256"),
        (PasswordHashType.Sha512, "sha512"),
        (PasswordHashType.Md5Crypt, "md5_crypt"),
        (PasswordHashType.Sha1Crypt, "sha1_crypt"),
        (PasswordHashType.Sha256Crypt, "sha256_crypt"),
        (PasswordHashType.Sha512Crypt, "sha512_crypt"),
        (PasswordHashType.Bcrypt, "bcrypt"),
        (PasswordHashType.Scrypt, "scrypt"),
        (PasswordHashType.Argon2id, "argon2id"),
        (PasswordHashType.Pbkdf2Sha256, "pbkdf2_sha256"),
    ];

    /// <summary>The names <see cref="TryParse"/> accepts: every type a password can be hashed as, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Writable.Select(w => w.Name)];

    /// <summary>The name of <paramref name="type"/>; <c>wrapped</c> for <see cref="PasswordHashType.WrappedLegacy"/>.</summary>
    public static string Of(PasswordHashType type) =>
        type == PasswordHashType.WrappedLegacy ? "wrapped" : Writable.FirstOrDefault(w => w.Type == type).Name ?? type.ToString();

    /// <summary>The type named <paramref name="name"/> (one of <see cref="All"/>, any case); false for any other name.</summary>
    public static bool TryParse(string? name, out PasswordHashType type)
    {
        var match = Writable.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
        type = match.Type;
        return match.Name is not null;
    }
}
