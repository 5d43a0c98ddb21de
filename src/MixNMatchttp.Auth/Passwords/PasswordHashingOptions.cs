using System.Globalization;

namespace MixNMatchttp.Auth;

/// <summary>
/// How new passwords are hashed, and whether older hashes are replaced at login. Every stored format of
/// <see cref="PasswordHashType"/> is verified whatever is chosen here. Defaults follow the OWASP Password Storage
/// Cheat Sheet (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
/// </summary>
public sealed class PasswordHashingOptions
{
    /// <summary>
    /// The format of new hashes: <see cref="PasswordHashType.Argon2id"/> (default), <see cref="PasswordHashType.Bcrypt"/>
    /// or <see cref="PasswordHashType.Pbkdf2Sha256"/>. The server only verifies the other types (users-file tools can
    /// write them with <see cref="PasswordHasher.Hash(string, PasswordHashType)"/>).
    /// </summary>
    public PasswordHashType HashType { get; set; } = PasswordHashType.Argon2id;

    /// <summary>
    /// Argon2id memory in KiB. Default: 19456 (19 MiB), with <see cref="Argon2Iterations"/> = 2 and
    /// <see cref="Argon2Parallelism"/> = 1 the minimum configuration the OWASP Password Storage Cheat Sheet
    /// recommends for Argon2id. At least 8 × <see cref="Argon2Parallelism"/>, at most 1048576 (1 GiB).
    /// </summary>
    public int Argon2MemoryKiB { get; set; } = 19456;

    /// <summary>Argon2id passes over the memory. Default: 2 (OWASP, with 19 MiB). 1 to 64; memory × passes at most 4 GiB.</summary>
    public int Argon2Iterations { get; set; } = 2;

    /// <summary>Argon2id lanes. Default: 1 (OWASP). 1 to 64.</summary>
    public int Argon2Parallelism { get; set; } = 1;

    /// <summary>bcrypt cost, log2 of the rounds. Default: 12 (OWASP: at least 10). 4 to 16.</summary>
    public int BcryptWorkFactor { get; set; } = 12;

    /// <summary>PBKDF2-HMAC-SHA256 iterations. Default: 600000 (OWASP for PBKDF2-HMAC-SHA256). 1 to 10000000.</summary>
    public int Pbkdf2Iterations { get; set; } = 600_000;

    /// <summary>
    /// Whether a successful login replaces a stored hash of another type, or of the configured type with weaker
    /// parameters, by a new hash in the configured format (see <see cref="PasswordHasher.NeedsUpgrade"/>). Default: true.
    /// </summary>
    public bool UpgradeLegacyHashes { get; set; } = true;

    /// <summary>Checks the options; throws <see cref="MixConfigurationException"/> with a one-line reason.</summary>
    public void Validate()
    {
        if (HashType is not (PasswordHashType.Argon2id or PasswordHashType.Bcrypt or PasswordHashType.Pbkdf2Sha256))
        {
            throw new MixConfigurationException(
                $"Password hash type {HashType} is only verified, not used for the server's new hashes: choose Argon2id, Bcrypt or Pbkdf2Sha256.");
        }

        Check(Argon2Parallelism, 1, PasswordHashLimits.MaxArgon2Parallelism, nameof(Argon2Parallelism));
        Check(Argon2MemoryKiB, 8L * Argon2Parallelism, PasswordHashLimits.MaxArgon2MemoryKiB, nameof(Argon2MemoryKiB));
        Check(Argon2Iterations, 1, PasswordHashLimits.MaxArgon2Iterations, nameof(Argon2Iterations));
        if ((long)Argon2MemoryKiB * Argon2Iterations > PasswordHashLimits.MaxArgon2Work)
        {
            throw new MixConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"Argon2MemoryKiB × Argon2Iterations must be at most {PasswordHashLimits.MaxArgon2Work}, not {(long)Argon2MemoryKiB * Argon2Iterations}."));
        }

        Check(BcryptWorkFactor, BcryptHash.MinWorkFactor, PasswordHashLimits.MaxBcryptWorkFactor, nameof(BcryptWorkFactor));
        Check(Pbkdf2Iterations, 1, PasswordHashLimits.MaxPbkdf2Iterations, nameof(Pbkdf2Iterations));
    }

    private static void Check(int value, long min, long max, string name)
    {
        if (value < min || value > max)
        {
            throw new MixConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{name} must be between {min} and {max}, not {value}."));
        }
    }
}
