using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>What a module gets when the server starts it (<see cref="MixModule.StartAsync"/>), kept in
/// <c>MixModule.Context</c> for its request hooks.</summary>
public sealed class ModuleContext
{
    private readonly PrivateFiles _privateFiles;

    internal ModuleContext(IServiceProvider services, ILoggerFactory loggerFactory, ILogger logger, MixServerOptions serverOptions, PrivateFiles privateFiles, CancellationToken stopping)
    {
        _privateFiles = privateFiles;
        Services = services;
        LoggerFactory = loggerFactory;
        Logger = logger;
        ServerOptions = serverOptions;
        Stopping = stopping;
    }

    /// <summary>The server's services (the ones modules registered in <see cref="MixModule.ConfigureServices"/> too).</summary>
    public IServiceProvider Services { get; }

    /// <summary>Creates loggers for the parts of the module.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The module's logger, named after its type.</summary>
    public ILogger Logger { get; }

    /// <summary>The server's options as they were when it was built (a copy: changing it changes nothing).</summary>
    public MixServerOptions ServerOptions { get; }

    /// <summary>The server's clock (<see cref="MixServerOptions.TimeProvider"/>).</summary>
    public TimeProvider TimeProvider => ServerOptions.TimeProvider;

    /// <summary>Whether a file (by its real path, links resolved) was declared private by the server or a module
    /// (<see cref="ModuleConfiguration.KeepPrivate"/>) and so must never be served. Answers from the moment the
    /// server accepts requests.</summary>
    public bool IsPrivateFile(string realPath) => _privateFiles.Contains(realPath);

    /// <summary>Cancelled when the server begins to stop: long-running work (event streams, timers) ends on it.</summary>
    public CancellationToken Stopping { get; }
}
