using System.Text.RegularExpressions;

namespace MixNMatchttp.Cli.Lab;

/// <summary>What a policy answers one request: the <c>Access-Control-Allow-Origin</c> value (null: none), whether
/// credentials are allowed, whether <c>Vary: Origin</c> is sent, and the rule that decided, in words, after the policy's
/// name (<c>suffix: …</c>).</summary>
internal sealed record CorsVerdict(string? AllowOrigin, bool Credentials, bool VaryOrigin, string Rule);

/// <summary>
/// The CORS policies a real server gets wrong, and one it gets right (<c>allowlist</c>), for the policy explorer lab:
/// each decides from the request's <c>Origin</c> and the site's own origin (the scheme and Host the request came to).
/// </summary>
internal static class CorsPolicy
{
    public static readonly IReadOnlyList<string> Names =
        ["allowlist", "wildcard-credentials", "reflect-null", "suffix", "prefix", "regex", "no-vary", "preflight-only"];

    /// <summary>The policy's verdict; null for an unknown policy name.</summary>
    public static CorsVerdict? Decide(string policy, string? origin, string site, bool preflight)
    {
        var siteHost = new Uri(site).Host;
        var siteWithoutPort = $"{new Uri(site).Scheme}://{siteHost}";
        return policy switch
        {
            "allowlist" => string.Equals(origin, site, StringComparison.OrdinalIgnoreCase)
                ? Allow(origin!, $"allowlist: {origin} is the site's own origin")
                : Deny($"allowlist: {Shown(origin)} is not listed (only {site} is)", vary: true),
            "wildcard-credentials" => new CorsVerdict("*", true, false, "wildcard-credentials: * with credentials for every origin (browsers refuse credentialed reads)"),
            "reflect-null" => origin == "null"
                ? Allow("null", "reflect-null: the null origin (sandboxed frames, file: pages, redirects) is trusted")
                : Deny($"reflect-null: {Shown(origin)} is not null", vary: true),
            "suffix" => Host(origin) is { } host && host.EndsWith(siteHost, StringComparison.OrdinalIgnoreCase)
                ? Allow(origin!, $"suffix: the host {host} ends with {siteHost} (scheme, port and the dot before it unchecked: evil-{siteHost} passes)")
                : Deny($"suffix: the host of {Shown(origin)} does not end with {siteHost}", vary: true),
            "prefix" => origin is not null && origin.StartsWith(siteWithoutPort, StringComparison.OrdinalIgnoreCase)
                ? Allow(origin, $"prefix: {origin} starts with {siteWithoutPort} ({siteWithoutPort}.evil.example passes too)")
                : Deny($"prefix: {Shown(origin)} does not start with {siteWithoutPort}", vary: true),
            "regex" => origin is not null && Pattern(siteHost).IsMatch(origin)
                ? Allow(origin, $"regex: {origin} matches ^https?://{siteHost} (dots unescaped, no end anchor)")
                : Deny($"regex: {Shown(origin)} does not match ^https?://{siteHost}", vary: true),
            "no-vary" => origin is not null
                ? new CorsVerdict(origin, true, false, $"no-vary: reflected {origin} without Vary: Origin (a shared cache may hand this answer to another origin)")
                : Deny("no-vary: no Origin", vary: false),
            "preflight-only" => preflight && origin is not null
                ? Allow(origin, $"preflight-only: the preflight from {origin} is allowed")
                : Deny("preflight-only: the actual request gets no CORS headers (it still runs on the server)", vary: true),
            _ => null,
        };
    }

    private static CorsVerdict Allow(string origin, string rule) => new(origin, true, true, rule);

    private static CorsVerdict Deny(string rule, bool vary) => new(null, false, vary, rule);

    private static string Shown(string? origin) => origin ?? "a request without Origin";

    private static string? Host(string? origin) =>
        origin is not null && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : null;

    /// <summary>The mistaken pattern, as a server would write it: the host's dots left unescaped, no end anchor.</summary>
    private static Regex Pattern(string host) => new("^https?://" + host, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
