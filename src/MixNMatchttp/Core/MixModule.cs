using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MixNMatchttp;

/// <summary>
/// A unit mixed into a server: static files, auth, cache, the user's own. Every member is optional.
/// Modules run in the order they were added: the first to declare an endpoint attribute, handler or
/// template wins, the first denial is sent, and the first fallback that answers a request ends it.
/// </summary>
public abstract class MixModule : IDisposable
{
    private static readonly Dictionary<string, TemplatePage> NoPages = [];
    private static readonly Dictionary<string, Template> NoTemplates = [];

    /// <summary>The module's endpoint tree; merged with the other modules' without clobbering.</summary>
    public virtual EndpointNode Endpoints => new();

    /// <summary>Template pages by name.</summary>
    public virtual IReadOnlyDictionary<string, TemplatePage> TemplatePages => NoPages;

    /// <summary>Templates by name.</summary>
    public virtual IReadOnlyDictionary<string, Template> Templates => NoTemplates;

    /// <summary>Binds the module's handlers to endpoint paths.</summary>
    public virtual void MapHandlers(HandlerMap map)
    {
    }

    /// <summary>Registers services (stores, clocks) before the server is built.</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Called once when the server is built, with its services; validate options here and throw
    /// <see cref="MixConfigurationException"/> for a setting that cannot work.</summary>
    public virtual void Start(IServiceProvider services)
    {
    }

    /// <summary>
    /// Sees every request once, before anything can refuse it: after the body has been read (even a body that
    /// will be refused as undecodable; empty when it could not be read or was too large), and also for targets the
    /// server refuses outright (their <see cref="RequestContext.Path"/> is then "/"). For recording, not deciding.
    /// </summary>
    public virtual void Observe(RequestContext context)
    {
    }

    /// <summary>Refuses a request before it reaches an endpoint or a file; null lets it through.</summary>
    public virtual ValueTask<Denial?> DeniedAsync(RequestContext context) => default;

    /// <summary>Whether the response must carry the no-cache headers.</summary>
    public virtual bool NoCache(RequestContext context) => false;

    /// <summary>Adds the module's headers to every response.</summary>
    public virtual void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
    }

    /// <summary>Answers a request whose path is not an endpoint (e.g. a file); returns false to pass it on.</summary>
    public virtual ValueTask<bool> FallbackAsync(RequestContext context) => new(false);

    /// <summary>Releases what the module holds (timers, watchers); the server calls it when it is disposed.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the module's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
