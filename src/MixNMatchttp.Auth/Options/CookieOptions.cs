using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Auth;

/// <summary>The session cookie.</summary>
public sealed class SessionCookieOptions
{
    /// <summary>The cookie name. Default: SESSION.</summary>
    public string Name { get; set; } = "SESSION";

    /// <summary>The cookie path. Default: /.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The SameSite attribute; null sends none. Default: null.</summary>
    public SameSiteMode? SameSite { get; set; }

    /// <summary>The cookie's lifetime (Max-Age); null for a browser-session cookie. The server-side session
    /// lasts <see cref="AuthOptions.SessionLifetime"/> either way. Default: null.</summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>A copy, so that a running server does not change with these options.</summary>
    internal SessionCookieOptions Snapshot() => (SessionCookieOptions)MemberwiseClone();
}
