using Microsoft.AspNetCore.Http;

namespace MixNMatchttp.PathPolicies;

/// <summary>
/// Refuses every request (any method) for a path matching one of its globs (see <see cref="DenyPathsOptions.Patterns"/>),
/// before it reaches an endpoint or a file: 404 by default, so the answer is the same as for a path that does not
/// exist, or 403. Both the canonical path and the path as sent (percent-decoded, dot segments kept, which is what an
/// endpoint with raw arguments sees) are checked. It acts through the Denied hook, so add it before modules that
/// could deny the request for another reason.
/// <code>
/// MixServer.Create().Add(new DenyPaths(new DenyPathsOptions { Patterns = ["/secret", ".git", "*.bak"] })).Build();
/// </code>
/// </summary>
public sealed class DenyPaths : MixModule
{
    private readonly DenyPathsOptions _options;
    private PathPatterns? _patterns;
    private Denial _denial = new(StatusCodes.Status404NotFound);

    /// <summary>Creates the module; without <paramref name="options"/> it denies nothing.</summary>
    public DenyPaths(DenyPathsOptions? options = null)
    {
        _options = options ?? new DenyPathsOptions();
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = _options;
        _patterns = configuration.Check(() => PathPatterns.Compile(options.Patterns, options.CaseSensitive, "DenyPathsOptions.Patterns"));
        switch (options.Response)
        {
            case DeniedPathResponse.NotFound:
                _denial = new Denial(StatusCodes.Status404NotFound);
                break;
            case DeniedPathResponse.Forbidden:
                _denial = new Denial(StatusCodes.Status403Forbidden, null, "access to this path is denied");
                break;
            default:
                configuration.Problem($"DenyPathsOptions.Response must be NotFound or Forbidden, not {options.Response}.");
                break;
        }
    }

    public override ValueTask<Denial?> DeniedAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_patterns is null || !(_patterns.IsMatch(context.Path) || (!ReferenceEquals(context.DecodedPath, context.Path) && _patterns.IsMatch(context.DecodedPath))))
        {
            return default;
        }

        Context.Logger.PathDenied(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(context.Path), _denial.StatusCode);
        return new(_denial);
    }
}
