using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MixNMatchttp;

/// <summary>
/// A unit mixed into a server: static files, auth, cache, the user's own. Every member is optional.
/// <para>Lifecycle: <see cref="MixServer.Build"/> calls <see cref="Configure"/> on every module (each reports every
/// problem; the build fails once, listing them all), then reads <see cref="Endpoints"/>, <see cref="MapHandlers"/>,
/// the templates and <see cref="ConfigureServices"/>; <see cref="MixApp.StartAsync"/> calls <see cref="StartAsync"/> in
/// the order the modules were added (when one fails, those already started are disposed); the server disposes the
/// modules in reverse order (<see cref="DisposeAsync"/>).</para>
/// <para>Requests: modules act in the order they were added. The first to declare an endpoint attribute, handler or
/// template wins, the first denial is sent, and the first fallback that answers a request ends it. The server calls
/// only the hooks a module overrides.</para>
/// </summary>
public abstract class MixModule : IAsyncDisposable
{
    private MixServer? _server;
    private ModuleContext? _context;

    /// <summary>The module's endpoint tree; merged with the other modules' without clobbering.</summary>
    public virtual EndpointNode Endpoints => new();

    /// <summary>Template pages by name.</summary>
    public virtual IReadOnlyDictionary<string, TemplatePage> TemplatePages => FrozenDictionary<string, TemplatePage>.Empty;

    /// <summary>Templates by name.</summary>
    public virtual IReadOnlyDictionary<string, Template> Templates => FrozenDictionary<string, Template>.Empty;

    /// <summary>What the server gave the module when it started: services, loggers, the clock, the server's options and
    /// the stopping token. Available from <see cref="StartAsync"/> on, so in every request hook.</summary>
    protected ModuleContext Context =>
        _context ?? throw new InvalidOperationException($"The {GetType().Name} module has not been started by a server.");

    /// <summary>Binds the module's handlers to endpoint paths.</summary>
    public virtual void MapHandlers(HandlerMap map)
    {
    }

    /// <summary>Registers services (stores, clocks) before the server is built.</summary>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Called once by <see cref="MixServer.Build"/>, before anything else of the module is read: take the settings the
    /// module will run with from its options (later changes to the options do not reach a built server) and report
    /// every setting that cannot work with <see cref="ModuleConfiguration.Problem"/>.
    /// </summary>
    public virtual void Configure(ModuleConfiguration configuration)
    {
    }

    /// <summary>Called once when the server starts, before it accepts requests: load what the module needs (files,
    /// stores). An exception stops the start; the modules already started are disposed.</summary>
    public virtual ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Sees every request once, after it has been answered, whatever the answer: also the requests the server refused
    /// (a bad target: <see cref="RequestContext.Path"/> is then "/"), denied or failed. For recording, not deciding.
    /// </summary>
    public virtual ValueTask ObserveAsync(RequestContext context) => default;

    /// <summary>Refuses a request before it reaches an endpoint or a file; null lets it through. The body has not been
    /// read yet: a hook that needs body parameters calls <see cref="RequestContext.ReadBodyAsync"/>.</summary>
    public virtual ValueTask<Denial?> DeniedAsync(RequestContext context) => default;

    /// <summary>Whether the response must carry the no-cache headers.</summary>
    public virtual bool NoCache(RequestContext context) => false;

    /// <summary>Adds the module's headers to every response, when the response starts.</summary>
    public virtual void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
    }

    /// <summary>Answers a request whose path is not an endpoint (e.g. a file); returns false to pass it on.</summary>
    public virtual ValueTask<bool> FallbackAsync(RequestContext context) => new(false);

    /// <summary>Releases what the module holds (timers, watchers, files); the server calls it once, when it is disposed
    /// or when its start fails, in the reverse order of the modules.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the module's resources; called at most once per server.</summary>
    protected virtual ValueTask DisposeAsyncCore() => default;

    /// <summary>Ties the module to one server; a module serves one server only.</summary>
    internal void Claim(MixServer server)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException(ReferenceEquals(_server, server)
                ? $"The {GetType().Name} module was added to the same server twice: add a module once."
                : $"The {GetType().Name} module already belongs to another server: create a new module for each server.");
        }

        _server = server;
    }

    internal ValueTask StartModuleAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _context = context;
        return StartAsync(context, cancellationToken);
    }
}
