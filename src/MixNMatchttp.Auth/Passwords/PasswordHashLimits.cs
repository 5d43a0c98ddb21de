namespace MixNMatchttp.Auth;

/// <summary>
/// The costs <see cref="PasswordHasher.Verify"/> accepts from a stored hash: a bad users file or database row must
/// not make one login take minutes or gigabytes. Hashes beyond these limits fail verification.
/// </summary>
internal static class PasswordHashLimits
{
    /// <summary>The longest password, in UTF-8 bytes, that is hashed or verified (passlib's limit too):
    /// SHA-crypt's cost grows with the square of the password length.</summary>
    public const int MaxPasswordBytes = 4096;

    /// <summary>The longest stored hash string considered.</summary>
    public const int MaxStoredHashLength = 4096;

    /// <summary>The most rounds of SHA-256-crypt, SHA-512-crypt and SHA1-crypt.</summary>
    public const long MaxCryptRounds = 10_000_000;

    /// <summary>The most PBKDF2 iterations.</summary>
    public const long MaxPbkdf2Iterations = 10_000_000;

    /// <summary>The highest bcrypt cost (2^16 rounds, about 16 times the default).</summary>
    public const int MaxBcryptWorkFactor = 16;

    /// <summary>The most Argon2 memory, in KiB (1 GiB).</summary>
    public const long MaxArgon2MemoryKiB = 1024 * 1024;

    /// <summary>The most Argon2 passes.</summary>
    public const long MaxArgon2Iterations = 64;

    /// <summary>The most Argon2 work, memory (KiB) times passes: 1 GiB four times.</summary>
    public const long MaxArgon2Work = 4 * MaxArgon2MemoryKiB;

    /// <summary>The most Argon2 lanes.</summary>
    public const long MaxArgon2Parallelism = 64;

    /// <summary>The highest scrypt log2(N).</summary>
    public const int MaxScryptLogN = 20;

    /// <summary>The most scrypt memory, 128·r·N bytes (1 GiB).</summary>
    public const long MaxScryptMemoryBytes = 1L << 30;

    /// <summary>The most scrypt work, N·r·p (twice that of ln=20, r=8, p=1).</summary>
    public const long MaxScryptWork = 1L << 24;

    /// <summary>The longest salt, in bytes, of the formats with binary salts.</summary>
    public const int MaxSaltBytes = 1024;
}
