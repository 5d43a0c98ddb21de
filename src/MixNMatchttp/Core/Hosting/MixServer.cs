using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>
/// Composes a server from modules:
/// <code>
/// await using var app = MixServer.Create(new MixServerOptions { Port = 8080 })
///     .Add(new StaticFiles(new StaticFilesOptions { DirectoryListing = true }))
///     .Add(new MyModule())
///     .Build();
/// await app.RunAsync();
/// </code>
/// <see cref="Build"/> validates everything at once: the server's options and every module's
/// (<see cref="MixModule.Configure"/>); when anything cannot work it throws one <see cref="MixConfigurationException"/>
/// listing every problem. A builder builds one server, and a module belongs to one server.
/// </summary>
public sealed class MixServer
{
    private readonly List<MixModule> _modules = [];
    private bool _built;

    private MixServer(MixServerOptions options)
    {
        Options = options;
    }

    /// <summary>The options the server will be built with; read when <see cref="Build"/> runs.</summary>
    public MixServerOptions Options { get; }

    public static MixServer Create(MixServerOptions? options = null) => new(options ?? new MixServerOptions());

    /// <summary>Adds a module; modules act in the order they are added.</summary>
    public MixServer Add(MixModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _modules.Add(module);
        return this;
    }

    /// <summary>Validates and compiles the configuration and builds the host; <see cref="MixApp.StartAsync"/> then starts
    /// the modules and listens.</summary>
    public MixApp Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("This MixServer has already built a server: call MixServer.Create for another one.");
        }

        _built = true;
        var modules = _modules.ToArray();
        foreach (var module in modules)
        {
            module.Claim(this);
        }

        var options = Options.Snapshot();
        var privateFiles = new PrivateFiles();
        var compiled = Compile(options, modules, privateFiles);
        var app = CreateHost(options, modules, compiled.Certificate);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MixServer>();
        if (compiled.Certificate is not null && options.Tls is { CertificateFile: null })
        {
            logger.SelfSignedCertificate(compiled.Certificate.Subject, CertificateLoader.Fingerprint(compiled.Certificate));
        }

        var pipeline = new MixPipeline(new ModuleHooks(modules), compiled.Tree, compiled.Templates, options, logger);
        app.Run(pipeline.HandleAsync);
        return new MixApp(app, modules, options, privateFiles, pipeline);
    }

    /// <summary>Validates the server's options and configures every module, collecting every problem, then compiles
    /// the endpoint tree, the templates and the certificate.</summary>
    private static (EndpointTree Tree, TemplateSet Templates, X509Certificate2? Certificate) Compile(MixServerOptions options, MixModule[] modules, PrivateFiles privateFiles)
    {
        var problems = new List<string>();
        options.Validate(problems);
        if (options.Tls?.KeyFile is { } keyFile)
        {
            privateFiles.Add(keyFile);
        }

        var configuration = new ModuleConfiguration(options, problems, privateFiles);
        foreach (var module in modules)
        {
            Collect(problems, () => module.Configure(configuration));
        }

        ThrowIfAny(problems);
        var declared = new EndpointNode();
        var handlers = new HandlerMap(options.CaseSensitiveEndpoints);
        foreach (var module in modules)
        {
            declared.MergeWithoutClobbering(module.Endpoints);
            module.MapHandlers(handlers);
        }

        EndpointTree? tree = null;
        TemplateSet? templates = null;
        X509Certificate2? certificate = null;
        Collect(problems, () => tree = EndpointTree.Build(declared, handlers, options.CaseSensitiveEndpoints));
        Collect(problems, () => templates = new TemplateSet(modules));
        Collect(problems, () => certificate = options.Tls is null ? null : CertificateLoader.Load(options.Tls));
        ThrowIfAny(problems);
        return (tree!, templates!, certificate);
    }

    private static void Collect(List<string> problems, Action step)
    {
        try
        {
            step();
        }
        catch (MixConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }
    }

    private static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new MixConfigurationException(problems);
        }
    }

    private static WebApplication CreateHost(MixServerOptions options, MixModule[] modules, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "MixNMatchttp", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (options.ConfigureLogging is { } configureLogging)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        foreach (var module in modules)
        {
            module.ConfigureServices(builder.Services);
        }

        var address = options.ListenAddress();
        if ((options.MaxConnections ?? ConnectionLimit.Default()) is { } maxConnections)
        {
            LimitConnections(builder.Services, maxConnections);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            var limit = kestrel.ApplicationServices.GetService<ConnectionLimit>();
            kestrel.Listen(address, options.Port, listen =>
            {
                if (limit is not null)
                {
                    listen.Use(limit.ReleaseWhenDone);
                }

                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                    return;
                }

                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });

        return builder.Build();
    }

    /// <summary>Puts a <see cref="ConnectionLimit"/> in front of the transport's listeners.</summary>
    private static void LimitConnections(IServiceCollection services, long maximum)
    {
        var transports = services.Where(service => service.ServiceType == typeof(IConnectionListenerFactory)).ToList();
        if (transports.Count == 0)
        {
            return;
        }

        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<MixServer>();
            logger.ConnectionLimitSet(maximum);
            return new ConnectionLimit(maximum, logger);
        });
        foreach (var transport in transports)
        {
            services.Remove(transport);
            services.AddSingleton<IConnectionListenerFactory>(provider => provider.GetRequiredService<ConnectionLimit>().Limit(Create(provider, transport)));
        }

        static IConnectionListenerFactory Create(IServiceProvider provider, ServiceDescriptor transport) =>
            (IConnectionListenerFactory)(transport.ImplementationInstance
                ?? transport.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, transport.ImplementationType!));
    }
}
