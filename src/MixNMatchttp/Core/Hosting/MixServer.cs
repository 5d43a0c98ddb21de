using System.Net;
using Microsoft.AspNetCore.Builder;
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
/// Everything is validated when <see cref="Build"/> runs; a setting that cannot work throws
/// <see cref="MixConfigurationException"/> with a one-line reason.
/// </summary>
public sealed class MixServer
{
    private readonly List<MixModule> _modules = [];

    private MixServer(MixServerOptions options)
    {
        Options = options;
    }

    public MixServerOptions Options { get; }

    public static MixServer Create(MixServerOptions? options = null) => new(options ?? new MixServerOptions());

    /// <summary>Adds a module; modules act in the order they are added.</summary>
    public MixServer Add(MixModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _modules.Add(module);
        return this;
    }

    public MixApp Build()
    {
        var options = Options;
        var address = ParseAddress(options.Address);
        if (options.Port is < 0 or > 65535)
        {
            throw new MixConfigurationException($"The port must be between 0 and 65535, not {options.Port}.");
        }

        ValidatePrefix(options.PathPrefix, nameof(options.PathPrefix));
        ValidatePrefix(options.EndpointPrefix, nameof(options.EndpointPrefix));
        var modules = _modules.ToArray();
        var declared = new EndpointNode();
        var handlers = new HandlerMap(options.CaseSensitiveEndpoints);
        foreach (var module in modules)
        {
            declared.MergeWithoutClobbering(module.Endpoints);
            module.MapHandlers(handlers);
        }

        var tree = EndpointTree.Build(declared, handlers, options.CaseSensitiveEndpoints);
        var templates = new TemplateSet(modules);
        var certificate = options.Tls is null ? null : CertificateLoader.Load(options.Tls);

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

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(address, options.Port, listen =>
            {
                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                    return;
                }

                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MixServer>();
        if (certificate is not null && options.Tls is { CertificateFile: null })
        {
            logger.SelfSignedCertificate(certificate.Subject, CertificateLoader.Fingerprint(certificate));
        }

        foreach (var module in modules)
        {
            module.Start(app.Services);
        }

        var pipeline = new MixPipeline(modules, tree, templates, options, logger);
        app.Run(pipeline.HandleAsync);
        return new MixApp(app, modules);
    }

    private static IPAddress ParseAddress(string address)
    {
        if (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(address.Trim('[', ']'), out var ip)
            ? ip
            : throw new MixConfigurationException($"The listen address must be an IPv4 or IPv6 address or 'localhost', not '{address}'.");
    }

    private static void ValidatePrefix(string prefix, string name)
    {
        if (prefix.Length > 0 && (prefix[0] != '/' || prefix.EndsWith('/') || RequestTarget.Canonicalize(prefix) != prefix))
        {
            throw new MixConfigurationException($"{name} must be a canonical path starting with '/' and not ending with '/', not '{prefix}'.");
        }
    }
}
