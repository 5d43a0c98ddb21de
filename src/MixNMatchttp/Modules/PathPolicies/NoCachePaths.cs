namespace MixNMatchttp.PathPolicies;

/// <summary>
/// Sends the no-cache headers (<c>Cache-Control: no-cache, no-store, must-revalidate</c>, <c>Pragma: no-cache</c>,
/// <c>Expires: 0</c>) with every response to a path matching one of its globs (see <see cref="NoCachePathsOptions.Patterns"/>),
/// files and endpoints alike, error responses included.
/// <code>
/// MixServer.Create().Add(new NoCachePaths(new NoCachePathsOptions { Patterns = ["*.html", "/api"] })).Build();
/// </code>
/// </summary>
public sealed class NoCachePaths : MixModule
{
    private readonly NoCachePathsOptions _options;
    private PathPatterns? _patterns;

    /// <summary>Creates the module; without <paramref name="options"/> it matches nothing.</summary>
    public NoCachePaths(NoCachePathsOptions? options = null)
    {
        _options = options ?? new NoCachePathsOptions();
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        _patterns = configuration.Check(() => PathPatterns.Compile(options.Patterns, options.CaseSensitive, "NoCachePathsOptions.Patterns"));
    }

    public override bool NoCache(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _patterns is not null && _patterns.IsMatch(context.Path);
    }
}
