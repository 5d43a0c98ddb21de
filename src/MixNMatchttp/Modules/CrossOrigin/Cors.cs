using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.CrossOrigin;

/// <summary>
/// Cross-origin resource sharing headers on every response (docs/modules/cors.md), made for testing browsers rather than for
/// protecting a site: unlike ASP.NET Core's CORS middleware it sends <c>*</c> or an echoed origin together with
/// <c>Access-Control-Allow-Credentials: true</c> when told to, which is exactly what the CORS lab demonstrates.
/// <list type="bullet">
/// <item>Every response made through <see cref="RequestContext"/> (errors included) gets <c>Access-Control-Allow-Origin</c>
/// (see <see cref="CorsOrigin"/>), <c>-Allow-Headers</c>, <c>-Allow-Methods</c>, <c>-Allow-Credentials: true</c> when
/// enabled, and optionally <c>-Expose-Headers</c> and <c>-Max-Age</c>; <c>Vary: Origin</c> whenever the answer depends
/// on the request's <c>Origin</c>.</item>
/// <item>A preflight (<c>OPTIONS</c>) to an endpoint lists that endpoint's methods (the <c>Allow</c> header the server
/// sets) in <c>Access-Control-Allow-Methods</c>.</item>
/// <item>A request can override the origin and credentials for its own response with the query parameters
/// <c>origin</c> and <c>creds</c> (see <see cref="CorsOptions.AllowRequestOverrides"/>).</item>
/// <item>A header a handler set for the request itself (<see cref="RequestContext.SaveHeader"/>) is left as it is.</item>
/// </list>
/// <code>
/// MixServer.Create().Add(new Cors(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true })).Build();
/// </code>
/// </summary>
public sealed partial class Cors : MixModule
{
    private const string OriginParameter = "origin";
    private const string CredentialsParameter = "creds";

    private readonly CorsOptions _options;
    private CorsOrigin _mode;
    private FrozenSet<string> _origins = FrozenSet<string>.Empty;
    private string? _allowHeaders;
    private string? _allowMethods;
    private string? _exposeHeaders;
    private string? _maxAge;
    private bool _credentials;
    private bool _overrides;

    /// <summary>Creates the module; without <paramref name="options"/> it allows any origin (<c>*</c>) without credentials.</summary>
    public Cors(CorsOptions? options = null)
    {
        _options = options ?? new CorsOptions();
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        if (!Enum.IsDefined(options.AllowOrigin))
        {
            configuration.Problem($"CorsOptions.AllowOrigin must be Any, Echo or List, not {options.AllowOrigin}.");
        }

        var origins = options.Origins ?? [];
        if (options.AllowOrigin == CorsOrigin.List)
        {
            foreach (var origin in origins)
            {
                if (OriginProblem(origin) is { } problem)
                {
                    configuration.Problem(problem);
                }
            }
        }
        else if (origins.Count > 0)
        {
            configuration.Problem($"CorsOptions.Origins is only used when AllowOrigin is List, not {options.AllowOrigin}: set AllowOrigin = CorsOrigin.List or leave Origins empty.");
        }

        if (options.MaxAge is { } maxAge && maxAge < TimeSpan.Zero)
        {
            configuration.Problem($"CorsOptions.MaxAge cannot be negative ({maxAge}).");
        }

        _mode = options.AllowOrigin;
        _origins = origins.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _allowHeaders = JoinTokens(options.AllowedHeaders, nameof(CorsOptions.AllowedHeaders), "header name", configuration);
        _allowMethods = JoinTokens(options.AllowedMethods, nameof(CorsOptions.AllowedMethods), "method", configuration);
        _exposeHeaders = JoinTokens(options.ExposedHeaders, nameof(CorsOptions.ExposedHeaders), "header name", configuration);
        _maxAge = options.MaxAge is { } age ? ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
        _credentials = options.AllowCredentials;
        _overrides = options.AllowRequestOverrides;
    }

    public override ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var described = _mode switch
        {
            CorsOrigin.Any => "*",
            CorsOrigin.Echo => "(the request's Origin)",
            _ => string.Join(", ", _origins),
        };
        context.Logger.CorsReady(described, _credentials, _overrides);
        return default;
    }

    /// <summary>Decides the request's CORS answer (refusing bad override parameters); the headers apply it.</summary>
    public override ValueTask<Denial?> DeniedAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = Decide(context);
        if (decision.Problem is not { } problem)
        {
            return default;
        }

        Context.Logger.OverrideRefused(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(context.Path), problem);
        return new(new Denial(StatusCodes.Status400BadRequest, "Bad Request", problem));
    }

    public override void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(headers);
        var decision = context.HttpContext.Features.Get<CorsDecision>() ?? Decide(context);
        Set(headers, HeaderNames.AccessControlAllowOrigin, decision.AllowOrigin);
        Set(headers, HeaderNames.AccessControlAllowCredentials, decision.Credentials ? "true" : null);
        Set(headers, HeaderNames.AccessControlAllowHeaders, _allowHeaders);
        var methods = context.IsMethod(HttpMethods.Options) && headers.Allow.Count > 0 ? headers.Allow.ToString() : _allowMethods;
        Set(headers, HeaderNames.AccessControlAllowMethods, methods);
        Set(headers, HeaderNames.AccessControlExposeHeaders, _exposeHeaders);
        Set(headers, HeaderNames.AccessControlMaxAge, _maxAge);
        if (decision.DependsOnOrigin)
        {
            AddVaryOrigin(headers);
        }
    }

    /// <summary>The request's CORS answer, decided once and kept on the request (a request refused before the denials,
    /// e.g. for a bad target, is decided when its headers are written).</summary>
    private CorsDecision Decide(RequestContext context)
    {
        var problem = _overrides && context.QueryString.Length > 0 ? OverrideProblem(context.Query) : null;
        var credentials = _credentials;
        string? originOverride = null;
        if (_overrides && problem is null && context.QueryString.Length > 0)
        {
            var query = context.Query;
            originOverride = Single(query, OriginParameter);
            credentials = Single(query, CredentialsParameter) switch
            {
                "1" => true,
                "0" => false,
                _ => credentials,
            };
        }

        string? allowOrigin;
        bool dependsOnOrigin;
        if (originOverride is not null)
        {
            dependsOnOrigin = string.Equals(originOverride, CorsOptions.EchoParameter, StringComparison.OrdinalIgnoreCase);
            allowOrigin = dependsOnOrigin ? Echo(context) : originOverride.Length == 0 ? null : originOverride;
        }
        else
        {
            dependsOnOrigin = _mode != CorsOrigin.Any;
            allowOrigin = _mode switch
            {
                CorsOrigin.Any => "*",
                CorsOrigin.Echo => Echo(context),
                _ => context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && _origins.Contains(origin) ? origin : null,
            };
        }

        var decision = new CorsDecision(allowOrigin, credentials, dependsOnOrigin, problem);
        context.HttpContext.Features.Set(decision);
        return decision;
    }

    /// <summary>Why the override parameters of a request cannot be honoured; null when they can (or are absent).</summary>
    private static string? OverrideProblem(IReadOnlyDictionary<string, StringValues> query)
    {
        if (query.TryGetValue(OriginParameter, out var origin))
        {
            if (origin.Count > 1)
            {
                return "the origin parameter is given more than once";
            }

            if (!HttpSyntax.IsFieldValue(origin.ToString()))
            {
                return "the origin parameter cannot be sent as a header value (it has control characters or non-ASCII text)";
            }
        }

        if (query.TryGetValue(CredentialsParameter, out var credentials) && (credentials.Count > 1 || credentials.ToString() is not ("0" or "1")))
        {
            return "the creds parameter must be given once, as 0 or 1";
        }

        return null;
    }

    private static string? Single(IReadOnlyDictionary<string, StringValues> query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 ? values.ToString() : null;

    /// <summary>The request's Origin to send back: <c>*</c> when there is none, null when it cannot be a header value.</summary>
    private string? Echo(RequestContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return "*";
        }

        if (!HttpSyntax.IsFieldValue(origin))
        {
            Context.Logger.OriginNotEchoed(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(context.Path));
            return null;
        }

        return origin;
    }

    private static void Set(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null && !headers.ContainsKey(name))
        {
            headers[name] = value;
        }
    }

    private static void AddVaryOrigin(IHeaderDictionary headers)
    {
        foreach (var entry in headers.Vary)
        {
            foreach (var item in (entry ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (item is "*" || string.Equals(item, HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }

        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
    }

    private static string? JoinTokens(IList<string>? items, string option, string what, ModuleConfiguration configuration)
    {
        if (items is null || items.Count == 0)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (!HttpSyntax.IsToken(item))
            {
                configuration.Problem($"CorsOptions.{option}: '{HttpSyntax.Printable(item)}' is not a {what}: it must be a non-empty token (letters, digits, !#$%&'*+-.^_`|~) or *.");
            }
        }

        return string.Join(", ", items);
    }

    /// <summary>Why <paramref name="origin"/> cannot be listed in <see cref="CorsOptions.Origins"/>; null when it can.</summary>
    private static string? OriginProblem(string? origin)
    {
        if (origin is "*" || string.Equals(origin, CorsOptions.EchoParameter, StringComparison.OrdinalIgnoreCase))
        {
            return $"CorsOptions.Origins: '{origin}' is not an origin: for any origin set AllowOrigin = CorsOrigin.{(origin == "*" ? "Any" : "Echo")} and leave Origins empty.";
        }

        var match = origin is null ? Match.Empty : OriginSyntax().Match(origin);
        if (!match.Success)
        {
            return $"CorsOptions.Origins: '{HttpSyntax.Printable(origin)}' is not an origin: write scheme://host[:port] (no path, no trailing slash) or null.";
        }

        var port = match.Groups["port"];
        if (!port.Success)
        {
            return null;
        }

        var number = int.Parse(port.ValueSpan, CultureInfo.InvariantCulture);
        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        if (number > 65535)
        {
            return $"CorsOptions.Origins: '{origin}' has a port above 65535.";
        }

        return (number == 80 && scheme is "http" or "ws") || (number == 443 && scheme is "https" or "wss")
            ? $"CorsOptions.Origins: '{origin}' names the default port, which browsers leave out of the Origin header: write it without ':{number}'."
            : null;
    }

    [GeneratedRegex(@"^(?:null|(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_~\-]+(?:\.[A-Za-z0-9_~\-]+)*)(?::(?<port>[0-9]{1,5}))?)$")]
    private static partial Regex OriginSyntax();
}
