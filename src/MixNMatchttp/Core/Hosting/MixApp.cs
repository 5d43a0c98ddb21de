using Microsoft.AspNetCore.Builder;
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
    private readonly MixServerOptions _options;
    private readonly PrivateFiles _privateFiles;
    private readonly Listener[] _listeners;
    private int _started;
    private int _modulesStarted;
    private int _disposed;
    private bool _listening;

    internal MixApp(WebApplication app, MixModule[] modules, MixServerOptions options, PrivateFiles privateFiles, MixPipeline pipeline, Listener[] listeners, string? certificateFingerprint)
    {
        Pipeline = pipeline;
        _listeners = listeners;
        CertificateFingerprint = certificateFingerprint;
        _privateFiles = privateFiles;
        _app = app;
        _modules = modules;
        _options = options;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The request flow Kestrel calls (for in-process benchmarks).</summary>
    internal MixPipeline Pipeline { get; }

    /// <summary>Once started, one URL per listener, <c>scheme://host:port</c>: the host as configured (a host name that
    /// stands for several addresses appears once), the port the one bound (when 0 was asked for). Empty before.</summary>
    public IReadOnlyList<string> Urls => _listening ? [.. _listeners.Select(listener => listener.Url)] : [];

    /// <summary>The SHA-256 fingerprint of the certificate of the https listeners, as colon-separated upper-case hex
    /// pairs (<c>AB:CD:...</c>); null without https.</summary>
    public string? CertificateFingerprint { get; }

    /// <summary>Starts every module in order (<see cref="MixModule.StartAsync"/>), then listens. When a module or the
    /// listener fails, the modules and the host are disposed and the exception is thrown.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("This server has already been started: build another one.");
        }

        try
        {
            var loggers = _app.Services.GetRequiredService<ILoggerFactory>();
            var stopping = _app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            foreach (var module in _modules)
            {
                var context = new ModuleContext(_app.Services, loggers, loggers.CreateLogger(module.GetType()), _options, _privateFiles, stopping);
                _modulesStarted++; // a module whose start fails half-way is disposed too
                await module.StartModuleAsync(context, cancellationToken);
            }

            _privateFiles.Resolve();
            await _app.StartAsync(cancellationToken);
            _listening = true;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

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

    /// <summary>Disposes the host, then the started modules in reverse order; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.DisposeAsync();
        for (var i = _modulesStarted - 1; i >= 0; i--)
        {
            await _modules[i].DisposeAsync();
        }
    }
}
