using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MixNMatchttp.Cli.Daemon;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Cli.Users;

namespace MixNMatchttp.Cli.Serving;

/// <summary>The default action: check the settings, build the server, start it, print the start-up block, serve until
/// SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(SettingSources sources, string action, IReadOnlyList<string> args, CancellationToken cancellation, ServeVariant? variant = null)
    {
        var reader = sources.Reader;
        if (action is "stop" or "status" && !DaemonControl.IsChild)
        {
            var pidPath = Path.GetFullPath(reader.Text("pidfile") ?? PidFile.DefaultPath());
            return reader.Problems.Count > 0 ? throw new UsageException(reader.Problems)
                : action == "stop" ? await DaemonControl.StopAsync(pidPath) : DaemonControl.Status(pidPath);
        }

        var settings = ServeSettings.Read(reader);
        if (variant is not null)
        {
            settings = variant.Apply(settings, reader);
        }

        if (reader.Problems.Count > 0)
        {
            throw new UsageException(reader.Problems);
        }

        sources.SaveConfig();
        settings = ResolvePaths(DaemonControl.IsChild || action == "restart" ? settings with { Daemon = true } : settings);
        if (DaemonControl.IsChild)
        {
            Posix.NewSession();
            return await ServeAsync(settings, variant, cancellation);
        }

        if (action == "restart")
        {
            await DaemonControl.StopAsync(settings.PidFile ?? PidFile.DefaultPath());
        }

        return settings.Daemon ? await StartDetachedAsync(settings, args) : await ServeAsync(settings, variant, cancellation);
    }

    /// <summary>Serves in this process until SIGINT or SIGTERM (a daemon is this process's detached child).</summary>
    private static async Task<int> ServeAsync(ServeSettings settings, ServeVariant? variant, CancellationToken cancellation)
    {
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
            ConfigureLogging = logging => LogSetup.Configure(logging, settings),
        };
        // A daemon always has a pid file; the foreground server has one when -P names it.
        var pidFile = settings.Daemon ? settings.PidFile ?? PidFile.DefaultPath() : settings.PidFile;
        await using var stores = await StoreConnections.OpenAsync(settings, cancellation);
        await using var app = ServerComposer.Compose(settings, stores, serverOptions, pidFile, variant).Build();
        using var pid = pidFile is null ? null : PidFile.Acquire(pidFile);
        Directory.SetCurrentDirectory(settings.Root);
        FirstRequestWarmUp.Start();
        await app.StartAsync(cancellation);
        StartupBlock.Write(Console.Out, app, settings, stores, variant);
        var events = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(CommandLog.Category);
        events.Started(settings.Root, string.Join(' ', app.Urls), Environment.ProcessId, string.Join(", ", ServerComposer.ModuleNames(settings, variant)));
        if (settings.Open && !DaemonControl.IsChild)
        {
            Browser.Open(new Uri(app.Urls[0]));
        }

        if (DaemonControl.IsChild)
        {
            Posix.DetachStandardStreams();
        }

        await app.WaitForShutdownAsync(cancellation);
        events.Stopped(Environment.ProcessId);
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

    /// <summary>Creates the log directory (0700) when missing; one that holds the document root is refused, since it would
    /// make every file private.</summary>
    private static void CreateLogDirectory(string logDir, string root)
    {
        if (root == logDir || root.StartsWith(Path.TrimEndingDirectorySeparator(logDir) + "/", StringComparison.Ordinal))
        {
            throw new UsageException($"--logdir: '{SettingReader.Printable(logDir)}' holds the document root; logs are never served, so choose a directory outside it");
        }

        try
        {
            Directory.CreateDirectory(logDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--logdir: cannot create '{SettingReader.Printable(logDir)}': {e.Message}");
        }
    }

    /// <summary>Paths from the command line are relative to where it was given; the working directory then becomes the root.</summary>
    private static ServeSettings ResolvePaths(ServeSettings settings)
    {
        var root = Path.GetFullPath(settings.Root);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"--root: '{SettingReader.Printable(settings.Root)}' is not a directory");
        }

        var logDir = Full(settings.LogDir) ?? (settings.Daemon ? LogSetup.DaemonLogDirectory() : null);
        if (logDir is not null)
        {
            CreateLogDirectory(logDir, root);
        }

        return settings with
        {
            Root = root,
            Cert = Full(settings.Cert),
            Config = Full(settings.Config),
            Key = Full(settings.Key),
            UserFile = Full(settings.UserFile),
            JwtPrivKey = Full(settings.JwtPrivKey),
            LogDir = logDir,
            PidFile = Full(settings.PidFile),
        };

        static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
    }
}
