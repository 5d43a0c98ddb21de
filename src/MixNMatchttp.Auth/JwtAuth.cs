using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Auth;

/// <summary>
/// Authentication with JSON Web Tokens (SPEC §5): login, registration and password change answer
/// <c>{"access_token", "refresh_token", "error"}</c>; requests carry the access token as
/// <c>Authorization: Bearer</c>; <c>/authtoken</c> trades a refresh token for a new access token (and, by
/// default, a new refresh token, the old one becoming invalid). Refresh tokens authenticate only
/// /authtoken and /logout. Asymmetric keys publish their public key at <c>/.well-known/jwks.json</c>.
/// </summary>
public sealed class JwtAuth : AuthModule
{
    private readonly JwtOptions _jwt;
    private JwtTokens? _tokens;

    public JwtAuth(AuthOptions options, JwtOptions? jwt = null)
        : base(options)
    {
        _jwt = jwt ?? new JwtOptions();
    }

    private JwtTokens TokenService => _tokens ?? throw new InvalidOperationException("The module has not been started.");

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
        _tokens = configuration.Check(() => new JwtTokens(_jwt, configuration.ServerOptions.TimeProvider));
    }

    public override async ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await base.StartAsync(context, cancellationToken);
        if (TokenService.UsesRandomSecret)
        {
            Logger.RandomJwtSecret();
        }
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
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await TokenService.ValidateAsync(authorization[7..].Trim())
            : null;
    }

    private protected override async ValueTask EndSessionAsync(RequestContext context)
    {
        if (context.GetParam("refresh_token") is { } token && Tokens.IsWellFormed(token))
        {
            await Sessions.RemoveAsync(Tokens.Hash(token), context.Aborted);
        }
    }

    private protected override async Task StartSessionAsync(RequestContext context, AuthUser user) =>
        await RespondAsync(context, StatusCodes.Status200OK, TokenService.Issue(user), await NewRefreshTokenAsync(context, user), null);

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
        if (user is null)
        {
            await FailAsync(context, StatusCodes.Status401Unauthorized, "the refresh token is invalid or expired");
            return;
        }

        var refresh = token;
        if (_jwt.RotateRefreshTokens)
        {
            if (!await Sessions.RemoveAsync(hash, context.Aborted))
            {
                Logger.RefreshTokenReused(user.Username);
                await FailAsync(context, StatusCodes.Status401Unauthorized, "the refresh token has already been used");
                return;
            }

            refresh = await NewRefreshTokenAsync(context, user);
        }

        await RespondAsync(context, StatusCodes.Status200OK, TokenService.Issue(user), refresh, null);
    }

    private ValueTask JwksAsync(RequestContext context) =>
        TokenService.Jwks is { } jwks
            ? new(context.RenderAsync(jwks, "application/json; charset=utf-8"))
            : new(context.SendErrorAsync(StatusCodes.Status404NotFound, null, "HMAC keys are secret: there is no JWKS"));

    private async Task<string> NewRefreshTokenAsync(RequestContext context, AuthUser user)
    {
        var token = Tokens.NewRefreshToken();
        await Sessions.CreateAsync(new SessionRecord(Tokens.Hash(token), user.Username, Time.GetUtcNow() + _jwt.RefreshTokenLifetime), context.Aborted);
        return token;
    }

    private static Task RespondAsync(RequestContext context, int statusCode, string? accessToken, string? refreshToken, string? error)
    {
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            context.SaveHeader(HeaderNames.WWWAuthenticate, "Bearer");
        }

        return context.SendJsonAsync(new JwtResponse(accessToken, refreshToken, error), statusCode);
    }
}
