namespace MixNMatchttp.Auth;

/// <summary>JSON Web Token settings.</summary>
public sealed class JwtOptions
{
    /// <summary>The signing algorithm: HS256, HS384, HS512 (passphrase), RS256 or ES256 (private key). Only this
    /// algorithm is accepted. Default: HS256.</summary>
    public JwtAlgorithm Algorithm { get; set; } = JwtAlgorithm.HS256;

    /// <summary>The HMAC secret (HS*) or the passphrase of an encrypted private key. An HMAC secret of any length is
    /// accepted (cracking weak secrets is a lab subject); one shorter than the hash (32, 48 or 64 bytes in UTF-8) is
    /// warned about at start-up. With neither this nor a key file, a random secret is made at start-up (tokens die
    /// with the process). Default: none.</summary>
    public string? Passphrase { get; set; }

    /// <summary>A PEM private key (RSA for RS256, P-256 for ES256), optionally encrypted with <see cref="Passphrase"/>. Default: none.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The key id put in the <c>kid</c> header; tokens with another kid are refused, tokens without one are
    /// checked against the key. Default: derived from the key.</summary>
    public string? KeyId { get; set; }

    /// <summary>Issuer (<c>iss</c>) put in and required of tokens; null for none. Default: null.</summary>
    public string? Issuer { get; set; }

    /// <summary>Audience (<c>aud</c>) put in and required of tokens; null for none (an incoming aud is then not
    /// checked). Default: null.</summary>
    public string? Audience { get; set; }

    /// <summary>Access token lifetime. Default: 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refresh token lifetime. Default: 1 day.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether /authtoken issues a new refresh token and invalidates the old one. Default: true.</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Tolerated clock difference for exp and nbf. Default: 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copy, so that a running server does not change with these options.</summary>
    internal JwtOptions Snapshot() => (JwtOptions)MemberwiseClone();
}
