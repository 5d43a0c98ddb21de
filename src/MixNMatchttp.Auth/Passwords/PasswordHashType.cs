namespace MixNMatchttp.Auth;

/// <summary>
/// The password storage formats the auth module knows. The server hashes new passwords only as <see cref="Argon2id"/>,
/// <see cref="Bcrypt"/> or <see cref="Pbkdf2Sha256"/>; every other format is verified (so users files and
/// databases from the Python seed keep working) and, by default, replaced at the next successful login. Users-file
/// tools can write every format but <see cref="WrappedLegacy"/> (<see cref="PasswordHasher.Hash(string, PasswordHashType)"/>).
/// The string formats are those of passlib; see docs/modules/passwords.md.
/// </summary>
public enum PasswordHashType
{
    /// <summary>Argon2 (RFC 9106) in the PHC string format <c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>;
    /// the default for new hashes. <c>$argon2i$</c> and <c>$argon2d$</c> strings are verified too.</summary>
    Argon2id,

    /// <summary>bcrypt, <c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c> (new hashes: <c>$2b$</c>).</summary>
    Bcrypt,

    /// <summary>PBKDF2-HMAC-SHA256 in passlib's <c>$pbkdf2-sha256$rounds$salt$checksum</c> format.</summary>
    Pbkdf2Sha256,

    /// <summary>No hashing: a users-file setting only (plaintext passwords are hashed when the file is
    /// loaded and never stored); never detected by <see cref="PasswordHasher.Identify"/>. "Hashing" a password as
    /// plaintext gives the password itself.</summary>
    Plaintext,

    /// <summary>Unsalted MD5, 32 hexadecimal digits (legacy).</summary>
    Md5,

    /// <summary>Unsalted SHA-1, 40 hexadecimal digits (legacy).</summary>
    Sha1,

    /// <summary>Unsalted SHA-256, 64 hexadecimal digits (legacy).</summary>
    Sha256,

    /// <summary>Unsalted SHA-512, 128 hexadecimal digits (legacy).</summary>
    Sha512,

    /// <summary>FreeBSD MD5-crypt, <c>$1$salt$checksum</c> (legacy).</summary>
    Md5Crypt,

    /// <summary>NetBSD SHA1-crypt, <c>$sha1$rounds$salt$checksum</c> (legacy).</summary>
    Sha1Crypt,

    /// <summary>SHA-256-crypt, <c>$5$[rounds=N$]salt$checksum</c> (legacy).</summary>
    Sha256Crypt,

    /// <summary>SHA-512-crypt, <c>$6$[rounds=N$]salt$checksum</c> (legacy).</summary>
    Sha512Crypt,

    /// <summary>scrypt (RFC 7914) in passlib's <c>$scrypt$ln=…,r=…,p=…$salt$checksum</c> format (legacy).</summary>
    Scrypt,

    /// <summary>A fast legacy hash (unsalted digest, MD5-, SHA1-, SHA-256- or SHA-512-crypt) wrapped in a new hash
    /// when a hashed users file is loaded: <c>$wrapped$SETTINGS#INNER</c>, where SETTINGS are the legacy hash's
    /// algorithm and salt (never its checksum) and INNER a new hash of the whole legacy hash string. Verified by
    /// computing the legacy hash of the password, then checking it against INNER; never written for new passwords.</summary>
    WrappedLegacy,
}
