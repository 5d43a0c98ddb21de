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
        var app = CreateHost(options, modules, compiled.Listeners, compiled.Certificate);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MixServer>();
        var fingerprint = compiled.Certificate is null ? null : CertificateLoader.Fingerprint(compiled.Certificate);
        if (compiled.Certificate is not null && options.Tls?.HasFiles != true)
        {
            logger.SelfSignedCertificate(compiled.Certificate.Subject, fingerprint!);
        }

        var pipeline = new MixPipeline(new ModuleHooks(modules), compiled.Tree, compiled.Templates, options, logger);
        app.Run(pipeline.HandleAsync);
        return new MixApp(app, modules, options, privateFiles, pipeline, compiled.Listeners, fingerprint);
    }

    /// <summary>Validates the server's options (resolving the hosts to listen on) and configures every module,
    /// collecting every problem, then compiles the endpoint tree, the templates and the certificate.</summary>
    private static (EndpointTree Tree, TemplateSet Templates, Listener[] Listeners, X509Certificate2? Certificate) Compile(MixServerOptions options, MixModule[] modules, PrivateFiles privateFiles)
    {
        var problems = new List<string>();
        var listeners = Listener.Plan(options, problems);
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
        Collect(problems, () => certificate = Certificate(options.Tls, listeners));
        ThrowIfAny(problems);
        return (tree!, templates!, listeners, certificate);
    }

    /// <summary>The certificate of the https listeners (one for all): from the TLS files, else self-signed for every
    /// host listened on; null without https listeners.</summary>
    private static X509Certificate2? Certificate(TlsOptions? tls, Listener[] listeners) =>
        !listeners.Any(listener => listener.Tls) ? null
        : tls?.HasFiles == true ? CertificateLoader.Load(tls)
        : CertificateLoader.CreateSelfSigned(listeners.Select(listener => listener.Host));

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

    private static WebApplication CreateHost(MixServerOptions options, MixModule[] modules, Listener[] listeners, X509Certificate2? certificate)
    {
        // The empty builder reads no configuration files and watches none: every setting comes from the options.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "MixNMatchttp", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Logging.ClearProviders();
        if (options.ConfigureLogging is { } configureLogging)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // A start that fails (a port in use) is thrown to the caller as one line; the host would log it again, with its stack.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        foreach (var module in modules)
        {
            module.ConfigureServices(builder.Services);
        }

        WrapTransports(builder.Services, (_, transport) => new ListenerTransport(transport));
        if ((options.MaxConnections ?? ConnectionLimit.Default()) is { } maxConnections)
        {
            LimitConnections(builder.Services, maxConnections);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            var limit = kestrel.ApplicationServices.GetService<ConnectionLimit>();
            foreach (var listener in listeners)
            {
                foreach (var address in listener.Addresses)
                {
                    kestrel.Listen(new ListenerEndPoint(listener, address), listen =>
                    {
                        if (limit is not null)
                        {
                            listen.Use(limit.ReleaseWhenDone);
                        }

                        if (listener.Tls)
                        {
                            listen.Protocols = HttpProtocols.Http1AndHttp2;
                            listen.UseHttps(certificate!);
                        }
                        else
                        {
                            listen.Protocols = HttpProtocols.Http1;
                        }

                        listen.Use(StrictContentLength.Check); // on the decrypted bytes, after TLS
                    });
                }
            }
        });

        return builder.Build();
    }

    /// <summary>Puts a <see cref="ConnectionLimit"/> in front of the transport's listeners.</summary>
    private static void LimitConnections(IServiceCollection services, long maximum)
    {
        if (!services.Any(service => service.ServiceType == typeof(IConnectionListenerFactory)))
        {
            return;
        }

        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<MixServer>();
            logger.ConnectionLimitSet(maximum);
            return new ConnectionLimit(maximum, logger);
        });
        WrapTransports(services, (provider, transport) => provider.GetRequiredService<ConnectionLimit>().Limit(transport));
    }

    /// <summary>Replaces each registered transport (listener factory) by <paramref name="wrap"/> of it.</summary>
    private static void WrapTransports(IServiceCollection services, Func<IServiceProvider, IConnectionListenerFactory, IConnectionListenerFactory> wrap)
    {
        var transports = services.Where(service => service.ServiceType == typeof(IConnectionListenerFactory)).ToList();
        foreach (var transport in transports)
        {
            services.Remove(transport);
            services.AddSingleton(provider => wrap(provider, Create(provider, transport)));
        }

        static IConnectionListenerFactory Create(IServiceProvider provider, ServiceDescriptor transport) =>
            (IConnectionListenerFactory)(transport.ImplementationInstance
                ?? transport.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, transport.ImplementationType!));
    }
}
