using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Auth;

/// <summary>
/// Authentication with a session cookie (docs/modules/auth.md): login, registration and password change issue a fresh
/// random token (256 bits) in an HttpOnly cookie, Secure over TLS; logout removes the session on the server
/// and clears the cookie. Answers are redirects to <c>goto</c> (or empty 200s) and one-line error pages.
/// With <see cref="CsrfProtection"/>, state-changing requests of a logged-in browser must carry the session's
/// anti-CSRF token (cookie <c>CSRF-TOKEN</c>, sent back as the <c>X-CSRF-Token</c> header or the
/// <c>csrf_token</c> parameter) or come from the server's own origin.
/// </summary>
public sealed class CookieAuth : AuthModule
{
    private const string CsrfCookie = "CSRF-TOKEN";
    private static readonly object TokenKey = new();

    private readonly SessionCookieOptions _options;
    private SessionCookieOptions _cookie = new();

    public CookieAuth(AuthOptions options, SessionCookieOptions? cookie = null)
        : base(options)
    {
        _options = cookie ?? new SessionCookieOptions();
    }

    /// <summary>Whether state-changing requests of logged-in users need the anti-CSRF token (or a same-origin
    /// Origin header). Off by default: the CSRF lab needs it off.</summary>
    public bool CsrfProtection { get; init; }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        base.Configure(configuration);
        var cookie = _options.Snapshot();
        if (string.IsNullOrWhiteSpace(cookie.Name) || cookie.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')))
        {
            configuration.Problem($"SessionCookieOptions.Name: '{cookie.Name}' must be letters, digits, '-', '_' or '.'.");
        }

        if (cookie.Path is null || !cookie.Path.StartsWith('/') || cookie.Path.Any(c => c is ';' or ',' || char.IsWhiteSpace(c) || char.IsControl(c) || c > '~'))
        {
            configuration.Problem($"SessionCookieOptions.Path must start with '/' and hold no ';', ',', spaces, control characters or non-ASCII text, not '{cookie.Path}'.");
        }

        if (cookie.Lifetime is { } lifetime)
        {
            CheckDuration(configuration, "SessionCookieOptions.Lifetime", lifetime);
        }

        _cookie = cookie;
    }

    private protected override bool CarriesCredential(HttpRequest request) => request.Headers.Cookie.Count > 0;

    private protected override async ValueTask<AuthUser?> ReadSessionAsync(RequestContext context)
    {
        var token = SessionCookie(context.Request);
        if (!Tokens.IsWellFormed(token))
        {
            return null;
        }

        var user = await SessionUserAsync(HashOf(token!), context.Aborted);
        if (user is not null)
        {
            context.HttpContext.Items[TokenKey] = token;
        }

        return user;
    }

    private protected override async ValueTask<Denial?> CheckRequestAsync(RequestContext context, AuthUser user)
    {
        if (!CsrfProtection || context.IsMethod(HttpMethods.Get) || context.IsMethod(HttpMethods.Head) || context.IsMethod(HttpMethods.Options)
            || context.HttpContext.Items[TokenKey] is not string token)
        {
            return null;
        }

        var expected = CsrfToken(token);
        string? sent = context.Request.Headers["X-CSRF-Token"].ToString();
        if (sent.Length == 0)
        {
            if (await context.ReadBodyAsync() is { } bodyError)
            {
                return bodyError;
            }

            sent = context.GetParam("csrf_token");
        }

        if (sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
        {
            return null;
        }

        var origin = context.Request.Headers.Origin.ToString();
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return origin.Length > 0 && string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? null
            : new Denial(StatusCodes.Status403Forbidden, "Forbidden", "the anti-CSRF token is missing or wrong");
    }

    private protected override async ValueTask EndSessionAsync(RequestContext context)
    {
        var token = SessionCookie(context.Request);
        if (Tokens.IsWellFormed(token))
        {
            await Sessions.RemoveAsync(HashOf(token!), context.Aborted);
        }
    }

    private protected override async ValueTask EndSessionAfterFailureAsync(RequestContext context)
    {
        await EndSessionAsync(context);
        if (SessionCookie(context.Request) is not null)
        {
            ClearCookie(context);
        }
    }

    private protected override async Task StartSessionAsync(RequestContext context, AuthUser user)
    {
        var token = Tokens.NewSessionToken();
        await Sessions.CreateAsync(new SessionRecord(Tokens.Hash(token), user.Username, Time.GetUtcNow() + Options.SessionLifetime), context.Aborted);
        context.SaveHeader(HeaderNames.SetCookie, Cookie(context, _cookie.Name, token, httpOnly: true, _cookie.Lifetime));
        if (CsrfProtection)
        {
            context.SaveHeader(HeaderNames.SetCookie, Cookie(context, CsrfCookie, CsrfToken(token), httpOnly: false, _cookie.Lifetime));
        }

        await context.RedirectAsync();
    }

    private protected override Task LoggedOutAsync(RequestContext context)
    {
        ClearCookie(context);
        return context.RedirectAsync();
    }

    private void ClearCookie(RequestContext context) =>
        context.SaveHeader(HeaderNames.SetCookie, Cookie(context, _cookie.Name, string.Empty, httpOnly: true, TimeSpan.Zero));

    private protected override Task FailAsync(RequestContext context, int statusCode, string reason) =>
        context.SendErrorAsync(statusCode, null, reason);

    private static string CsrfToken(string sessionToken) => Tokens.Hash("csrf:" + sessionToken);

    /// <summary>The session cookie's value: the first <c>NAME=value</c> pair of the Cookie headers, found without
    /// parsing every cookie (this runs on every request that carries cookies).</summary>
    private string? SessionCookie(HttpRequest request)
    {
        var name = _cookie.Name;
        foreach (var header in request.Headers.Cookie)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(';');
                var pair = (end < 0 ? rest : rest[..end]).Trim();
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal))
                {
                    return pair[(name.Length + 1)..].Trim('"').ToString();
                }
            }
        }

        return null;
    }

    private string Cookie(RequestContext context, string name, string value, bool httpOnly, TimeSpan? maxAge)
    {
        var cookie = new SetCookieHeaderValue(name, value)
        {
            Path = _cookie.Path,
            HttpOnly = httpOnly,
            Secure = context.IsHttps,
            MaxAge = maxAge,
            SameSite = _cookie.SameSite ?? Microsoft.Net.Http.Headers.SameSiteMode.Unspecified,
        };
        if (maxAge == TimeSpan.Zero)
        {
            cookie.Expires = DateTimeOffset.UnixEpoch;
        }

        return cookie.ToString();
    }
}
