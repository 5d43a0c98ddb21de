namespace MixNMatchttp.Auth;

/// <summary>The algorithm that signs and verifies the access tokens (only that one is accepted).</summary>
public enum JwtAlgorithm
{
    /// <summary>HMAC with SHA-256, keyed by <see cref="JwtOptions.Passphrase"/>.</summary>
    HS256,

    /// <summary>HMAC with SHA-384, keyed by <see cref="JwtOptions.Passphrase"/>.</summary>
    HS384,

    /// <summary>HMAC with SHA-512, keyed by <see cref="JwtOptions.Passphrase"/>.</summary>
    HS512,

    /// <summary>RSA PKCS#1 v1.5 with SHA-256, with the PEM key of <see cref="JwtOptions.PrivateKeyFile"/> (2048 bits or more).</summary>
    RS256,

    /// <summary>ECDSA on P-256 with SHA-256, with the PEM key of <see cref="JwtOptions.PrivateKeyFile"/>.</summary>
    ES256,
}
