using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MixNMatchttp.Auth;

/// <summary>
/// Issues and validates access tokens with exactly one configured algorithm and key (Microsoft.IdentityModel,
/// no hand-written crypto). Claims: sub, roles, iat, nbf, exp, jti, and iss and aud when configured; header: kid.
/// Validation requires a signature by our key with our algorithm, no kid or ours, a numeric exp and nbf within the
/// clock skew, an iat (optional) not in the future and before exp, and the configured iss and aud.
/// </summary>
internal sealed class JwtTokens
{
    private const string RolesClaim = "roles";
    private const int MaxRemembered = 4096;
    private static readonly Dictionary<JwtAlgorithm, int> HmacKeyBytes = new() { [JwtAlgorithm.HS256] = 32, [JwtAlgorithm.HS384] = 48, [JwtAlgorithm.HS512] = 64 };

    private readonly JwtOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly JwtMemberTypes _memberTypes;
    private readonly ConcurrentDictionary<string, AccessToken> _validated = new(StringComparer.Ordinal);
    private readonly Action<ILogger>? _keyWarning;

    public JwtTokens(JwtOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var key = LoadKey(options, out _keyWarning);
        _credentials = new SigningCredentials(key, options.Algorithm.ToString());
        _memberTypes = new JwtMemberTypes(key.KeyId);
        Jwks = key is SymmetricSecurityKey ? null : JwksDocument(key, options.Algorithm.ToString());
        SecurityKey[] ourKey = [key];
        _validation = new TokenValidationParameters
        {
            ValidAlgorithms = [options.Algorithm.ToString()],
            // A token without kid is checked against our key; one with a kid only when it is ours (JwtMemberTypes
            // refuses an empty or non-string kid).
            IssuerSigningKeyResolver = (_, _, kid, _) => string.IsNullOrEmpty(kid) || kid == key.KeyId ? ourKey : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateAudience = options.Audience is not null,
            ValidAudience = options.Audience,
            ValidateIssuer = options.Issuer is not null,
            ValidIssuer = options.Issuer,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => IsCurrent(notBefore, expires),
        };
    }

    /// <summary>The JWKS document for an asymmetric key; null for HMAC.</summary>
    public string? Jwks { get; }

    public string Issue(AuthUser user)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", user.Username), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            Claims = new Dictionary<string, object> { [RolesClaim] = user.Roles.ToArray() },
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.AccessTokenLifetime,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>What a token says, or null when the token is not one of ours or not current.
    /// Tokens that passed validation are remembered until they expire (at most <see cref="MaxRemembered"/>), so a
    /// client's repeated requests cost a lookup instead of a signature check. Revocation is the caller's to check.</summary>
    public ValueTask<AccessToken?> ValidateAsync(string token)
    {
        if (token.Length > 8192)
        {
            return new((AccessToken?)null);
        }

        if (_validated.TryGetValue(token, out var known))
        {
            if (_time.GetUtcNow() < known.ExpiresAt)
            {
                return new(known);
            }

            _validated.TryRemove(token, out _);
            return new((AccessToken?)null);
        }

        return new(ValidateSignedAsync(token));
    }

    private async Task<AccessToken?> ValidateSignedAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>("sub", out var subject)
            || !_memberTypes.AreValid(jwt.EncodedHeader, jwt.EncodedPayload) || !IsIssuedBeforeNowAndExp(jwt))
        {
            return null;
        }

        var roles = jwt.TryGetPayloadValue<string[]>(RolesClaim, out var values) ? values : [];
        var id = jwt.TryGetPayloadValue<string>("jti", out var jti) && jti.Length > 0 ? jti : null;
        var accessToken = new AccessToken(new AuthUser(subject, roles), id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + _options.ClockSkew);
        if (_validated.Count >= MaxRemembered)
        {
            _validated.Clear();
        }

        _validated[token] = accessToken;
        return accessToken;
    }

    /// <summary>iat is optional (RFC 7519); when present it may not be in the future nor at or after exp.</summary>
    private bool IsIssuedBeforeNowAndExp(JsonWebToken jwt)
    {
        if (!jwt.TryGetClaim("iat", out _))
        {
            return true;
        }

        if (!jwt.TryGetPayloadValue<long>("iat", out var issuedAt) || issuedAt is < 0 or > 253402300799)
        {
            return false;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        return issued <= _time.GetUtcNow() + _options.ClockSkew && jwt.ValidTo > issued.UtcDateTime;
    }

    private bool IsCurrent(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + _options.ClockSkew && (notBefore is not { } nbf || nbf <= now + _options.ClockSkew);
    }

    /// <summary>Logs what is weak about the key (a random secret that dies with the process, a short passphrase).</summary>
    public void LogKeyWarnings(ILogger logger) => _keyWarning?.Invoke(logger);

    private static SecurityKey LoadKey(JwtOptions options, out Action<ILogger>? warning)
    {
        warning = null;
        if (HmacKeyBytes.TryGetValue(options.Algorithm, out var hashBytes))
        {
            if (options.PrivateKeyFile is not null)
            {
                throw new MixConfigurationException($"{options.Algorithm} signs with a passphrase, not a private key file: use RS256 or ES256 for a key.");
            }

            if (options.Passphrase is null)
            {
                warning = logger => logger.RandomJwtSecret();
                return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = options.KeyId ?? "hmac" };
            }

            var secret = Encoding.UTF8.GetBytes(options.Passphrase);
            if (secret.Length < hashBytes)
            {
                // Weak secrets are a lab subject, so they are allowed. HMAC pads a key shorter than its block with
                // zeros (RFC 2104), so padding to the hash size signs exactly as the short secret does, and meets the
                // minimum key size of Microsoft.IdentityModel.
                var length = secret.Length;
                warning = logger => logger.WeakJwtSecret(options.Algorithm.ToString(), length, hashBytes);
                Array.Resize(ref secret, hashBytes);
            }

            return new SymmetricSecurityKey(secret) { KeyId = options.KeyId ?? "hmac" };
        }

        if (options.Algorithm is not (JwtAlgorithm.RS256 or JwtAlgorithm.ES256))
        {
            throw new MixConfigurationException($"JwtOptions.Algorithm must be HS256, HS384, HS512, RS256 or ES256, not {options.Algorithm}.");
        }

        if (options.PrivateKeyFile is null || !File.Exists(options.PrivateKeyFile))
        {
            throw new MixConfigurationException($"{options.Algorithm} needs a PEM private key file; '{options.PrivateKeyFile}' does not exist.");
        }

        var pem = File.ReadAllText(options.PrivateKeyFile);
        try
        {
            SecurityKey key = options.Algorithm == JwtAlgorithm.RS256 ? new RsaSecurityKey(Import(RSA.Create(), pem, options.Passphrase)) : new ECDsaSecurityKey(Import(ECDsa.Create(), pem, options.Passphrase));
            if (key is RsaSecurityKey { Rsa.KeySize: < 2048 })
            {
                throw new MixConfigurationException("The RSA key must have at least 2048 bits.");
            }

            if (key is ECDsaSecurityKey ec && ec.ECDsa.ExportParameters(false).Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
            {
                throw new MixConfigurationException("ES256 needs a P-256 key.");
            }

            key.KeyId = options.KeyId ?? Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint());
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new MixConfigurationException($"Cannot read the {options.Algorithm} private key '{options.PrivateKeyFile}': {e.Message}", e);
        }
    }

    private static T Import<T>(T algorithm, string pem, string? passphrase)
        where T : AsymmetricAlgorithm
    {
        if (passphrase is null)
        {
            algorithm.ImportFromPem(pem);
        }
        else
        {
            algorithm.ImportFromEncryptedPem(pem, passphrase);
        }

        return algorithm;
    }

    private static string JwksDocument(SecurityKey key, string algorithm)
    {
        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(key);
        var entry = new Dictionary<string, string?> { ["kty"] = jwk.Kty, ["use"] = "sig", ["alg"] = algorithm, ["kid"] = key.KeyId };
        if (jwk.Kty == "RSA")
        {
            entry["n"] = jwk.N;
            entry["e"] = jwk.E;
        }
        else
        {
            entry["crv"] = jwk.Crv;
            entry["x"] = jwk.X;
            entry["y"] = jwk.Y;
        }

        return JsonSerializer.Serialize(new { keys = new[] { entry } });
    }
}
