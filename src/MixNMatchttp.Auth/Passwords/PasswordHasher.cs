using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// Hashes new passwords in the configured format (or, for users-file tools, in any format) and verifies passwords
/// against any supported stored format (see <see cref="PasswordHashType"/> and docs/modules/passwords.md).
/// Thread-safe; the options are copied when it is created. Verification never throws on a malformed or hostile stored
/// string: it returns false, and refuses costs beyond fixed limits (for example SHA-crypt rounds above 10,000,000 or
/// scrypt ln above 20).
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>The longest password, in UTF-8 bytes, that is hashed or verified (passlib's limit too).</summary>
    public const int MaxPasswordBytes = PasswordHashLimits.MaxPasswordBytes;

    private readonly int _argon2MemoryKiB;
    private readonly int _argon2Iterations;
    private readonly int _argon2Parallelism;
    private readonly int _bcryptWorkFactor;
    private readonly int _pbkdf2Iterations;
    private readonly Lazy<string> _dummyHash;

    /// <summary>Validates <paramref name="options"/> (throwing <see cref="MixConfigurationException"/>) and copies them.</summary>
    public PasswordHasher(PasswordHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        HashType = options.HashType;
        UpgradeLegacyHashes = options.UpgradeLegacyHashes;
        _argon2MemoryKiB = options.Argon2MemoryKiB;
        _argon2Iterations = options.Argon2Iterations;
        _argon2Parallelism = options.Argon2Parallelism;
        _bcryptWorkFactor = options.BcryptWorkFactor;
        _pbkdf2Iterations = options.Pbkdf2Iterations;
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    /// <summary>The format of new hashes.</summary>
    public PasswordHashType HashType { get; }

    /// <summary>Whether <see cref="VerifyAndUpgrade"/> offers replacement hashes.</summary>
    public bool UpgradeLegacyHashes { get; }

    /// <summary>
    /// A hash of a random password in the configured format, computed once per instance on first use: verify
    /// against it when the user is unknown, so that unknown and known users cost the same.
    /// </summary>
    public string DummyHash => _dummyHash.Value;

    /// <summary>Test seam: told +1 when a <see cref="Hash(string, PasswordHashType)"/> or <see cref="Verify"/> computation
    /// starts and -1 when it ends, so that tests can count the computations and how many run at once.</summary>
    internal Action<int>? WorkObserver { get; set; }

    /// <summary>What a stored hash string is, from its format alone (no password needed); null when it is not a
    /// well-formed hash of a supported format. <see cref="PasswordHashType.Argon2id"/> covers all three Argon2 variants.</summary>
    public static PasswordHashType? Identify(string storedHash)
    {
        if (string.IsNullOrEmpty(storedHash) || storedHash.Length > PasswordHashLimits.MaxStoredHashLength)
        {
            return null;
        }

        if (storedHash[0] != '$')
        {
            return HexDigestHash.Identify(storedHash);
        }

        return storedHash switch
        {
            _ when LegacyHash.TryParseWrapped(storedHash, out _, out _, out _) => PasswordHashType.WrappedLegacy,
            _ when Argon2Hash.TryParse(storedHash, out _) => PasswordHashType.Argon2id,
            _ when BcryptHash.TryParse(storedHash, out _) => PasswordHashType.Bcrypt,
            _ when Pbkdf2Sha256Hash.TryParse(storedHash, out _, out _, out _) => PasswordHashType.Pbkdf2Sha256,
            _ when Md5Crypt.TryParse(storedHash, out _, out _) => PasswordHashType.Md5Crypt,
            _ when Sha1Crypt.TryParse(storedHash, out _, out _, out _) => PasswordHashType.Sha1Crypt,
            _ when ShaCrypt.TryParse(storedHash, out var sha) => sha.Is512 ? PasswordHashType.Sha512Crypt : PasswordHashType.Sha256Crypt,
            _ when ScryptHash.TryParse(storedHash, out _) => PasswordHashType.Scrypt,
            _ => null,
        };
    }

    /// <summary>
    /// Why <paramref name="password"/> cannot be hashed in the configured format, or null when it can: empty, longer
    /// than <see cref="MaxPasswordBytes"/> UTF-8 bytes, or (bcrypt only) containing a NUL character.
    /// <see cref="Hash(string)"/> throws <see cref="ArgumentException"/> with this reason.
    /// </summary>
    public string? CheckHashable(string password) => CheckHashable(password, HashType);

    /// <summary>
    /// Why <paramref name="password"/> cannot be hashed as <paramref name="type"/>, or null when it can: empty, longer
    /// than <see cref="MaxPasswordBytes"/> UTF-8 bytes, containing a NUL character (bcrypt and the crypt formats, whose
    /// C implementations stop there), or <see cref="PasswordHashType.WrappedLegacy"/>, which is made from a legacy
    /// hash, not from a password. <see cref="Hash(string, PasswordHashType)"/> throws <see cref="ArgumentException"/>
    /// with this reason.
    /// </summary>
    public static string? CheckHashable(string password, PasswordHashType type)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (type == PasswordHashType.WrappedLegacy)
        {
            return "a wrapped legacy hash is made from a legacy hash (WrapLegacyHash), not from a password";
        }

        if (password.Length == 0)
        {
            return "the password must not be empty";
        }

        if (password.Length > MaxPasswordBytes || Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            return $"the password must be at most {MaxPasswordBytes} bytes long";
        }

        return StopsAtNul(type) && password.Contains('\0', StringComparison.Ordinal)
            ? "the password must not contain a NUL character"
            : null;
    }

    /// <summary>A new salted hash of <paramref name="password"/> in the configured format.</summary>
    /// <exception cref="ArgumentException">The password cannot be hashed (see <see cref="CheckHashable(string)"/>).</exception>
    public string Hash(string password) => Hash(password, HashType);

    /// <summary>
    /// A new hash of <paramref name="password"/> as <paramref name="type"/>, with a fresh random salt where the format
    /// has one, in the string format <see cref="Identify"/> and <see cref="Verify"/> read (passlib's). Argon2id, bcrypt
    /// and PBKDF2 use this hasher's parameters; the legacy formats use passlib's defaults (docs/modules/passwords.md);
    /// <see cref="PasswordHashType.Plaintext"/> returns the password itself. For users-file tools: the legacy formats
    /// are weak, and the server itself writes only the configured type.
    /// </summary>
    /// <exception cref="ArgumentException">The password cannot be hashed as <paramref name="type"/> (see
    /// <see cref="CheckHashable(string, PasswordHashType)"/>).</exception>
    public string Hash(string password, PasswordHashType type)
    {
        if (CheckHashable(password, type) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        if (type == PasswordHashType.Plaintext)
        {
            return password;
        }

        WorkObserver?.Invoke(1);
        try
        {
            return HashCore(password, type);
        }
        finally
        {
            WorkObserver?.Invoke(-1);
        }
    }

    /// <summary>Whether the C implementations of <paramref name="type"/> stop at a NUL character (so passlib refuses one).</summary>
    private static bool StopsAtNul(PasswordHashType type) => type is PasswordHashType.Bcrypt or PasswordHashType.Md5Crypt
        or PasswordHashType.Sha1Crypt or PasswordHashType.Sha256Crypt or PasswordHashType.Sha512Crypt;

    private string HashCore(string password, PasswordHashType type)
    {
        if (type == PasswordHashType.Bcrypt)
        {
            return BcryptHash.Hash(password, _bcryptWorkFactor);
        }

        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return type switch
            {
                PasswordHashType.Argon2id => Argon2Hash.Hash(bytes, _argon2MemoryKiB, _argon2Iterations, _argon2Parallelism),
                PasswordHashType.Pbkdf2Sha256 => Pbkdf2Sha256Hash.Hash(bytes, _pbkdf2Iterations),
                PasswordHashType.Scrypt => ScryptHash.Hash(bytes),
                PasswordHashType.Md5Crypt => Md5Crypt.Hash(bytes),
                PasswordHashType.Sha1Crypt => Sha1Crypt.Hash(bytes),
                PasswordHashType.Sha256Crypt or PasswordHashType.Sha512Crypt => ShaCrypt.Hash(bytes, is512: type == PasswordHashType.Sha512Crypt),
                PasswordHashType.Md5 or PasswordHashType.Sha1 or PasswordHashType.Sha256 or PasswordHashType.Sha512 => HexDigestHash.Hex(bytes, type),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a password hash type"),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="storedHash"/>, in any supported format. The final
    /// digests are compared in constant time. False, never an exception, for a malformed stored string, for
    /// parameters beyond the limits, or for a password longer than <see cref="MaxPasswordBytes"/> UTF-8 bytes.
    /// The empty password never matches an Argon2 hash (Konscious.Security.Cryptography refuses it).
    /// </summary>
    public bool Verify(string password, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        WorkObserver?.Invoke(1);
        try
        {
            return VerifyCore(password, storedHash);
        }
        finally
        {
            WorkObserver?.Invoke(-1);
        }
    }

    private bool VerifyCore(string password, string storedHash)
    {
        if (password.Length > MaxPasswordBytes || Identify(storedHash) is not { } type)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return bytes.Length <= MaxPasswordBytes && type switch
            {
                PasswordHashType.Argon2id => Argon2Hash.Verify(bytes, storedHash),
                PasswordHashType.Bcrypt => BcryptHash.Verify(password, storedHash),
                PasswordHashType.Pbkdf2Sha256 => Pbkdf2Sha256Hash.Verify(bytes, storedHash),
                PasswordHashType.Md5Crypt => Md5Crypt.Verify(bytes, storedHash),
                PasswordHashType.Sha1Crypt => Sha1Crypt.Verify(bytes, storedHash),
                PasswordHashType.Sha256Crypt or PasswordHashType.Sha512Crypt => ShaCrypt.Verify(bytes, storedHash),
                PasswordHashType.Scrypt => ScryptHash.Verify(bytes, storedHash),
                PasswordHashType.WrappedLegacy => VerifyWrapped(bytes, storedHash),
                _ => HexDigestHash.Verify(bytes, storedHash, type),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or CryptographicException
            or InvalidOperationException or BCrypt.Net.SaltParseException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// <paramref name="storedHash"/> wrapped in a new hash of the configured format when it is a fast legacy hash
    /// (see <see cref="PasswordHashType.WrappedLegacy"/>), so that a wrong password costs one new-hash verification,
    /// as for an unknown user; any other hash is returned as it is.
    /// </summary>
    public string WrapLegacyHash(string storedHash) =>
        Identify(storedHash) is { } type && LegacyHash.IsFast(type) ? LegacyHash.Wrap(storedHash, type, Hash) : storedHash;

    /// <summary>
    /// <see cref="Verify"/>, and on success, when <see cref="UpgradeLegacyHashes"/> is on and the stored hash
    /// <see cref="NeedsUpgrade"/>, a new hash of the password in the configured format to store in its place.
    /// </summary>
    public bool VerifyAndUpgrade(string password, string storedHash, out string? upgradedHash)
    {
        upgradedHash = null;
        if (!Verify(password, storedHash))
        {
            return false;
        }

        if (UpgradeLegacyHashes && NeedsUpgrade(storedHash) && CheckHashable(password) is null)
        {
            upgradedHash = Hash(password);
        }

        return true;
    }

    /// <summary>Computes the legacy hash of the password, then checks it against the inner hash; when the legacy hash
    /// cannot be computed (a NUL character for crypt), the inner hash is still checked, so every failure costs the same.</summary>
    private bool VerifyWrapped(byte[] password, string storedHash) =>
        LegacyHash.TryParseWrapped(storedHash, out var masked, out var type, out var inner)
        && VerifyCore(LegacyHash.Rehash(password, masked, type) ?? masked, inner);

    /// <summary>
    /// Whether <paramref name="storedHash"/> should be replaced by a new hash: true when it is not of the configured
    /// type, or of the configured type with weaker parameters (Argon2: another variant, less memory or fewer passes;
    /// bcrypt: a lower cost; PBKDF2: fewer iterations). Stronger parameters are kept.
    /// </summary>
    public bool NeedsUpgrade(string storedHash)
    {
        if (string.IsNullOrEmpty(storedHash) || storedHash.Length > PasswordHashLimits.MaxStoredHashLength)
        {
            return true;
        }

        return HashType switch
        {
            PasswordHashType.Argon2id => !Argon2Hash.TryParse(storedHash, out var argon2) || argon2.Variant != Argon2Hash.Variant.Id
                || argon2.MemoryKiB < _argon2MemoryKiB || argon2.Iterations < _argon2Iterations,
            PasswordHashType.Bcrypt => !BcryptHash.TryParse(storedHash, out var workFactor) || workFactor < _bcryptWorkFactor,
            _ => !Pbkdf2Sha256Hash.TryParse(storedHash, out var iterations, out _, out _) || iterations < _pbkdf2Iterations,
        };
    }
}
