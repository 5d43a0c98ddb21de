namespace MixNMatchttp.PathPolicies;

/// <summary>Options of the <see cref="NoCachePaths"/> module.</summary>
public sealed class NoCachePathsOptions
{
    /// <summary>
    /// Path globs whose responses carry the no-cache headers: <c>*</c> matches within one segment, <c>?</c> one
    /// character, a whole segment <c>**</c> any number of segments; a pattern starting with <c>/</c> is anchored at the
    /// root, any other may start at any segment (<c>*.html</c>, <c>/api</c>, <c>/static/**/*.js</c>); a pattern also
    /// covers everything under what it matches. Matched against the canonical, percent-decoded path. Default: none.
    /// </summary>
    public IList<string> Patterns { get; set; } = [];

    /// <summary>Whether letter case must match. Default: false (<c>*.HTML</c> matches <c>/a.html</c>).</summary>
    public bool CaseSensitive { get; set; }
}
