using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Auth;

/// <summary>
/// Authentication with JSON Web Tokens (docs/modules/auth.md): login, registration and password change answer
/// <c>{"access_token", "refresh_token", "error"}</c>; requests carry the access token as
/// <c>Authorization: Bearer</c>; <c>/authtoken</c> trades a refresh token for a new access token (and, by
/// default, a new refresh token, the old one becoming invalid). Refresh tokens authenticate only
/// /authtoken and /logout. Asymmetric keys publish their public key at <c>/.well-known/jwks.json</c>.
/// </summary>
public sealed class JwtAuth : AuthModule
{
    private readonly JwtOptions _jwt;
    private JwtOptions _settings = new();
    private JwtTokens? _tokens;
    private RefreshTokenFamilies? _refreshTokens;

    public JwtAuth(AuthOptions options, JwtOptions? jwt = null)
        : base(options)
    {
        _jwt = jwt ?? new JwtOptions();
    }

    /// <summary>The token service and the refresh families, made when the server is built.</summary>
    private JwtTokens TokenService => _tokens ?? throw new InvalidOperationException("The JwtAuth module has not been built into a server.");

    private RefreshTokenFamilies RefreshTokens => _refreshTokens ?? throw new InvalidOperationException("The JwtAuth module has not been built into a server.");

    public override EndpointNode Endpoints
    {
        get
        {
            var endpoints = base.Endpoints;
            endpoints["authtoken"] = new() { AllowedMethods = ["POST"] };
            endpoints[".well-known"] = new() { Disabled = true, ["jwks.json"] = new() };
            return endpoints;
        }
    }

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        base.MapHandlers(map);
        map.Post("authtoken", RefreshAsync).Get(".well-known/jwks.json", JwksAsync);
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        base.Configure(configuration);
        var jwt = _jwt.Snapshot();
        CheckDuration(configuration, "JwtOptions.AccessTokenLifetime", jwt.AccessTokenLifetime);
        CheckDuration(configuration, "JwtOptions.RefreshTokenLifetime", jwt.RefreshTokenLifetime);
        if (jwt.ClockSkew < TimeSpan.Zero || jwt.ClockSkew > TimeSpan.FromHours(1))
        {
            configuration.Problem($"JwtOptions.ClockSkew must be between 0 and 1 hour, not {jwt.ClockSkew}.");
        }

        _settings = jwt;
        _tokens = configuration.Check(() => new JwtTokens(jwt, configuration.ServerOptions.TimeProvider));
        _refreshTokens = new RefreshTokenFamilies(Sessions, configuration.ServerOptions.TimeProvider, jwt.RefreshTokenLifetime);
    }

    public override async ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await base.StartAsync(context, cancellationToken);
        TokenService.LogKeyWarnings(Logger);
    }

    /// <summary>Adds the Bearer challenge (RFC 6750) to a 401 for a protected path.</summary>
    public override async ValueTask<Denial?> DeniedAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var denial = await base.DeniedAsync(context);
        if (denial?.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.SaveHeader(HeaderNames.WWWAuthenticate, context.Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer");
        }

        return denial;
    }

    private protected override bool CarriesCredential(HttpRequest request) => request.Headers.Authorization.Count > 0;

    private protected override async ValueTask<AuthUser?> ReadSessionAsync(RequestContext context)
    {
        // A correctly signed token speaks only while it is not revoked, and only for a user who still exists.
        var token = await BearerTokenAsync(context);
        return token is not null
            && (token.Id is null || !await RevokedTokens.IsRevokedAsync(token.Id, context.Aborted))
            && await KnownUserAsync(token.User.Username, context.Aborted) is not null
            ? token.User
            : null;
    }

    /// <summary>Ends the refresh token's session, and revokes the access token the request carries on every instance
    /// that shares the revoked-token store.</summary>
    private protected override async ValueTask EndSessionAsync(RequestContext context)
    {
        if (context.GetParam("refresh_token") is { } token && Tokens.IsWellFormed(token))
        {
            await Sessions.RemoveAsync(Tokens.Hash(token), context.Aborted);
        }

        if (await BearerTokenAsync(context) is { Id: { } id } access)
        {
            await RevokedTokens.RevokeAsync(id, access.ExpiresAt, CancellationToken.None);
            Logger.AccessTokenRevoked(HttpSyntax.Printable(access.User.Username));
        }
    }

    /// <summary>The valid access token of the Authorization header, revoked or not; null when there is none.</summary>
    private ValueTask<AccessToken?> BearerTokenAsync(RequestContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? TokenService.ValidateAsync(authorization[7..].Trim())
            : new((AccessToken?)null);
    }

    private protected override async Task StartSessionAsync(RequestContext context, AuthUser user) =>
        await RespondAsync(context, StatusCodes.Status200OK, TokenService.Issue(user), await RefreshTokens.IssueAsync(user.Username, null, context.Aborted), null);

    private protected override Task LoggedOutAsync(RequestContext context) =>
        RespondAsync(context, StatusCodes.Status200OK, null, null, null);

    private protected override Task FailAsync(RequestContext context, int statusCode, string reason) =>
        RespondAsync(context, statusCode, null, null, reason);

    private async ValueTask RefreshAsync(RequestContext context)
    {
        var token = context.GetParam("refresh_token");
        if (!Tokens.IsWellFormed(token))
        {
            await FailAsync(context, StatusCodes.Status401Unauthorized, "a valid refresh_token is required");
            return;
        }

        var hash = Tokens.Hash(token!);
        var user = await SessionUserAsync(hash, context.Aborted);
        string? refresh = null;
        string? reusedBy;
        if (user is null)
        {
            reusedBy = await RefreshTokens.RevokeIfSpentAsync(hash, context.Aborted);
        }
        else
        {
            refresh = _settings.RotateRefreshTokens ? await RefreshTokens.RotateAsync(hash, context.Aborted) : token;
            reusedBy = refresh is null ? user.Username : null;
        }

        if (reusedBy is not null)
        {
            Logger.RefreshTokenReused(HttpSyntax.Printable(reusedBy));
            await FailAsync(context, StatusCodes.Status401Unauthorized, "the refresh token has already been used");
            return;
        }

        if (user is null || refresh is null)
        {
            await FailAsync(context, StatusCodes.Status401Unauthorized, "the refresh token is invalid or expired");
            return;
        }

        await RespondAsync(context, StatusCodes.Status200OK, TokenService.Issue(user), refresh, null);
    }

    private ValueTask JwksAsync(RequestContext context) =>
        TokenService.Jwks is { } jwks
            ? new(context.RenderAsync(jwks, "application/json; charset=utf-8"))
            : new(context.SendErrorAsync(StatusCodes.Status404NotFound, null, "HMAC keys are secret: there is no JWKS"));

    private static Task RespondAsync(RequestContext context, int statusCode, string? accessToken, string? refreshToken, string? error)
    {
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            context.SaveHeader(HeaderNames.WWWAuthenticate, "Bearer");
        }

        return context.SendJsonAsync(new JwtResponse(accessToken, refreshToken, error), statusCode);
    }
}
