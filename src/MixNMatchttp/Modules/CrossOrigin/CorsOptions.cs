namespace MixNMatchttp.CrossOrigin;

/// <summary>Options of the <see cref="Cors"/> module. Lists are joined with <c>", "</c>; an empty list sends no header.</summary>
public sealed class CorsOptions
{
    /// <summary>The value of the <c>origin</c> query parameter that echoes the request's <c>Origin</c>.</summary>
    public const string EchoParameter = "{ECHO}";

    /// <summary>Which origin <c>Access-Control-Allow-Origin</c> names. Default: <see cref="CorsOrigin.Any"/> (<c>*</c>), as in the seed.</summary>
    public CorsOrigin AllowOrigin { get; set; } = CorsOrigin.Any;

    /// <summary>The allowed origins when <see cref="AllowOrigin"/> is <see cref="CorsOrigin.List"/>, each written as a
    /// browser sends it: <c>scheme://host[:port]</c> (no path, no trailing slash, no default port) or <c>null</c>;
    /// compared without regard to case. Must be empty for the other modes. Default: none.</summary>
    public IList<string> Origins { get; set; } = [];

    /// <summary><c>Access-Control-Allow-Headers</c>: header names, or <c>*</c>.
    /// Default: Accept, Accept-Language, Content-Language, Content-Type, Authorization.</summary>
    public IList<string> AllowedHeaders { get; set; } = ["Accept", "Accept-Language", "Content-Language", "Content-Type", "Authorization"];

    /// <summary><c>Access-Control-Allow-Methods</c>: methods, or <c>*</c>. A preflight (<c>OPTIONS</c>) to an endpoint
    /// or any path whose <c>Allow</c> header the server sets lists those methods instead.
    /// Default: POST, GET, OPTIONS, HEAD.</summary>
    public IList<string> AllowedMethods { get; set; } = ["POST", "GET", "OPTIONS", "HEAD"];

    /// <summary><c>Access-Control-Expose-Headers</c>: response header names scripts may read, or <c>*</c>. Default: none (no header).</summary>
    public IList<string> ExposedHeaders { get; set; } = [];

    /// <summary><c>Access-Control-Max-Age</c>, in whole seconds: how long a browser may cache a preflight answer.
    /// Default: null (no header).</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Whether <c>Access-Control-Allow-Credentials: true</c> is sent. Default: false.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>
    /// Whether a request may override the origin and credentials for its own response with the query parameters
    /// <c>origin</c> (a literal value; <c>{ECHO}</c> for the request's <c>Origin</c>; empty for no header) and
    /// <c>creds</c> (<c>1</c> or <c>0</c>). Another value of <c>creds</c>, an <c>origin</c> that cannot be a header value or
    /// either parameter given twice gets 400. Default: true (the CORS lab depends on it).
    /// </summary>
    public bool AllowRequestOverrides { get; set; } = true;

    /// <summary>
    /// Sets <see cref="AllowOrigin"/> and <see cref="Origins"/> from one list, as the seed's <c>--allowed-origins</c>
    /// option and configuration file wrote them: <c>["*"]</c> is <see cref="CorsOrigin.Any"/>, <c>["{ECHO}"]</c> is
    /// <see cref="CorsOrigin.Echo"/>, anything else is <see cref="CorsOrigin.List"/> of those origins (checked when the
    /// server is built).
    /// </summary>
    public CorsOptions SetOrigins(IEnumerable<string> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var list = origins.ToList();
        (AllowOrigin, Origins) = list switch
        {
            ["*"] => (CorsOrigin.Any, new List<string>()),
            [var only] when string.Equals(only, EchoParameter, StringComparison.OrdinalIgnoreCase) => (CorsOrigin.Echo, new List<string>()),
            _ => (CorsOrigin.List, list),
        };
        return this;
    }
}
