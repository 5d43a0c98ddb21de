using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Cli.Serving;

/// <summary>The default action: check the settings, build the server, start it, print the start-up block, serve until
/// SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync((SettingReader Reader, ConfigFile? File) sources, string action, CancellationToken cancellation)
    {
        var settings = ServeSettings.Read(sources.Reader);
        if (sources.Reader.Problems.Count > 0)
        {
            throw new UsageException(sources.Reader.Problems);
        }

        settings = ResolvePaths(settings);
        var serverOptions = new MixServerOptions
        {
            Address = settings.Address,
            Port = settings.Port,
            PathPrefix = settings.PathPrefix,
            Tls = settings.Ssl ? new TlsOptions { CertificateFile = settings.Cert, KeyFile = settings.Key, KeyPassphrase = settings.KeyPassphrase } : null,
            ConfigureLogging = logging => ConfigureConsole(logging, settings),
        };
        await using var app = ServerComposer.Compose(settings, serverOptions).Build();
        Directory.SetCurrentDirectory(settings.Root);
        await app.StartAsync(cancellation);
        StartupBlock.Write(Console.Out, app, settings);
        await app.WaitForShutdownAsync(cancellation);
        return 0;
    }

    /// <summary>Paths from the command line are relative to where it was given; the working directory then becomes the root.</summary>
    private static ServeSettings ResolvePaths(ServeSettings settings)
    {
        var root = Path.GetFullPath(settings.Root);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"--root: '{settings.Root}' is not a directory");
        }

        return settings with
        {
            Root = root,
            Cert = Full(settings.Cert),
            Key = Full(settings.Key),
            UserFile = Full(settings.UserFile),
            JwtPrivKey = Full(settings.JwtPrivKey),
            LogDir = Full(settings.LogDir),
            PidFile = Full(settings.PidFile),
        };

        static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
    }

    private static void ConfigureConsole(ILoggingBuilder logging, ServeSettings settings)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("MixNMatchttp.MixApp", LogLevel.Warning);
        logging.AddFilter("MixNMatchttp.MixServer", LogLevel.Warning);
    }
}
