using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Creates the module; without <paramref name="options"/> it denies nothing.</summary>
    public DenyPaths(DenyPathsOptions? options = null)
    {
        _options = options ?? new DenyPathsOptions();
    }

    public override void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _patterns = PathPatterns.Compile(_options.Patterns, _options.CaseSensitive, "DenyPathsOptions.Patterns");
        _denial = _options.Response switch
        {
            DeniedPathResponse.NotFound => new Denial(StatusCodes.Status404NotFound),
            DeniedPathResponse.Forbidden => new Denial(StatusCodes.Status403Forbidden, null, "access to this path is denied"),
            _ => throw new MixConfigurationException($"DenyPathsOptions.Response must be NotFound or Forbidden, not {_options.Response}."),
        };
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DenyPaths>();
    }

    public override ValueTask<Denial?> DeniedAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_patterns is null || !(_patterns.IsMatch(context.Path) || (!ReferenceEquals(context.DecodedPath, context.Path) && _patterns.IsMatch(context.DecodedPath))))
        {
            return default;
        }

        _logger.PathDenied(context.Method, context.Path, _denial.StatusCode);
        return new(_denial);
    }
}
