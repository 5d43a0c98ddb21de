namespace MixNMatchttp.PathPolicies;

/// <summary>Options of the <see cref="DenyPaths"/> module.</summary>
public sealed class DenyPathsOptions
{
    /// <summary>
    /// Path globs that are never served: <c>*</c> matches within one segment, <c>?</c> one character, a whole segment
    /// <c>**</c> any number of segments; a pattern starting with <c>/</c> is anchored at the root, any other may start
    /// at any segment (<c>.git</c> denies every <c>.git</c> directory, <c>*.bak</c> every backup file); a pattern also
    /// covers everything under what it matches (<c>/secret</c> denies <c>/secret/a/b</c>). Matched against the
    /// canonical, percent-decoded path, so dot segments, doubled or encoded characters cannot get around it.
    /// Default: none.
    /// </summary>
    public IList<string> Patterns { get; set; } = [];

    /// <summary>The answer to a denied request. Default: <see cref="DeniedPathResponse.NotFound"/>, which hides that the path exists.</summary>
    public DeniedPathResponse Response { get; set; } = DeniedPathResponse.NotFound;

    /// <summary>Whether letter case must match. Default: false, so <c>/SECRET</c> is denied with <c>/secret</c>; keep it
    /// false while endpoints are case-insensitive or the files are on a case-insensitive file system.</summary>
    public bool CaseSensitive { get; set; }
}
