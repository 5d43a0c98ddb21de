using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MixNMatchttp.Cli.Daemon;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Cli.Users;

namespace MixNMatchttp.Cli.Serving;

/// <summary>The default action: check the settings, build the server, start it, print the start-up block, serve until
/// SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(SettingReader reader, string action, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        var settings = ServeSettings.Read(reader);
        if (reader.Problems.Count > 0)
        {
            throw new UsageException(reader.Problems);
        }

        settings = ResolvePaths(settings);
        var pidFile = settings.PidFile ?? PidFile.DefaultPath();
        switch (DaemonControl.IsChild ? "start" : action)
        {
            case "status":
                return DaemonControl.Status(pidFile);
            case "stop":
                return await DaemonControl.StopAsync(pidFile);
            case "restart":
                await DaemonControl.StopAsync(pidFile);
                return await StartDetachedAsync(settings with { Daemon = true }, args);
            case "start" when settings.Daemon && !DaemonControl.IsChild:
                return await StartDetachedAsync(settings, args);
        }

        if (DaemonControl.IsChild)
        {
            Posix.NewSession();
        }

        settings = settings with
        {
            JwtKey = Secret(settings.JwtKey, OptionCatalog.JwtKeyVariable, "JWT key"),
            KeyPassphrase = Secret(settings.KeyPassphrase, OptionCatalog.KeyPassphraseVariable, "key passphrase"),
        };
        using var addedUsers = settings.AddUsers ? AddUsersPrompt.Run(settings.UserFile, settings.UserFileHashed, settings.HashType) : null;
        if (addedUsers is not null)
        {
            settings = settings with { UserFile = addedUsers.File };
        }

        var serverOptions = new MixServerOptions
        {
            Address = settings.Address,
            Port = settings.Port,
            PathPrefix = settings.PathPrefix,
            Listen = [.. settings.Listen],
            Tls = settings.UsesTls ? new TlsOptions { CertificateFile = settings.Cert, KeyFile = settings.Key, KeyPassphrase = settings.KeyPassphrase } : null,
            ConfigureLogging = logging => ConfigureConsole(logging, settings),
        };
        await using var app = ServerComposer.Compose(settings, serverOptions).Build();
        using var pid = settings.Daemon || settings.PidFile is not null ? PidFile.Acquire(pidFile) : null;
        Directory.SetCurrentDirectory(settings.Root);
        await app.StartAsync(cancellation);
        StartupBlock.Write(Console.Out, app, settings);
        if (settings.Open && !DaemonControl.IsChild)
        {
            Browser.Open(new Uri(app.Urls[0]));
        }
        if (DaemonControl.IsChild)
        {
            Posix.DetachStandardStreams();
        }

        await app.WaitForShutdownAsync(cancellation);
        return 0;
    }

    /// <summary>Starts the daemon; secrets read from standard input travel to it in its environment.</summary>
    private static Task<int> StartDetachedAsync(ServeSettings settings, IReadOnlyList<string> args)
    {
        if (settings.AddUsers)
        {
            throw new UsageException("--add-users: a daemon cannot prompt; add users with 'mixnmatchttp users add' first");
        }

        var environment = new Dictionary<string, string>();
        if (settings.JwtKey == "-")
        {
            environment[OptionCatalog.JwtKeyVariable] = Secret("-", OptionCatalog.JwtKeyVariable, "JWT key")!;
        }

        if (settings.KeyPassphrase == "-")
        {
            environment[OptionCatalog.KeyPassphraseVariable] = Secret("-", OptionCatalog.KeyPassphraseVariable, "key passphrase")!;
        }

        return DaemonControl.StartDetachedAsync(args, environment);
    }

    /// <summary>A secret given as '-': read from standard input (the daemon finds it in its environment).</summary>
    private static string? Secret(string? value, string variable, string what) =>
        value != "-" ? value : DaemonControl.IsChild ? Environment.GetEnvironmentVariable(variable) : SecretInput.Read($"Enter the {what}: ");

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
