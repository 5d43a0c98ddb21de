using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>A built server: start it, read the URLs it is bound to, stop it. <see cref="RunAsync"/> serves
/// until SIGINT/SIGTERM, letting in-flight requests finish.</summary>
public sealed class MixApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MixModule[] _modules;

    internal MixApp(WebApplication app, MixModule[] modules)
    {
        _app = app;
        _modules = modules;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The URLs the server is bound to (ports resolved), once started.</summary>
    public IReadOnlyList<string> Urls =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MixApp>();
        foreach (var url in Urls)
        {
            logger.Listening(url);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Starts the server and serves until it is asked to stop (SIGINT, SIGTERM or <paramref name="cancellationToken"/>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>After <see cref="StartAsync"/>: serves until SIGINT, SIGTERM or <paramref name="cancellationToken"/>, then stops gracefully.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var module in _modules)
        {
            module.Dispose();
        }
    }
}
