using System.Globalization;
using System.Text.RegularExpressions;
using MixNMatchttp.Cli.Options;

namespace MixNMatchttp.Cli.Settings;

/// <summary>The command's settings, typed and checked: what the server is built from.</summary>
internal sealed partial record ServeSettings
{
    public const int DefaultPort = 58080;
    public const int DefaultTlsPort = 58443;

    public string Address { get; init; } = "127.0.0.1";
    public int Port { get; init; } = DefaultPort;
    public IReadOnlyList<string> Listen { get; init; } = [];
    public bool Ssl { get; init; }
    public string? Cert { get; init; }
    public string? Key { get; init; }
    public string? KeyPassphrase { get; init; }

    public AuthMode Auth { get; init; }
    public string? JwtKey { get; init; }
    public string? JwtPrivKey { get; init; }
    public string? JwtAlgo { get; init; }
    public string? UserFile { get; init; }
    public bool UserFileHashed { get; init; } = true;
    public string? HashType { get; init; }
    public bool AddUsers { get; init; }
    public IReadOnlyList<string> Secrets { get; init; } = [];
    public bool AnyLogin { get; init; }
    public string? CookieSameSite { get; init; }
    public (int MaxFailures, TimeSpan Window)? Lockout { get; init; } = (5, TimeSpan.FromMinutes(5));
    public int RateLimit { get; init; } = 10;
    public bool Csrf { get; init; }

    public string? UsersDbUrl { get; init; }
    public string? SessionsDbUrl { get; init; }
    public string? CacheUrl { get; init; }
    public string? LockoutUrl { get; init; }

    public bool Cors { get; init; }
    public IReadOnlyList<string> AllowedOrigins { get; init; } = ["*"];
    public IReadOnlyList<string> AllowedHeaders { get; init; } = OptionCatalog.DefaultAllowedHeaders;
    public IReadOnlyList<string> AllowedMethods { get; init; } = OptionCatalog.DefaultAllowedMethods;
    public bool AllowCredentials { get; init; }

    public IReadOnlyList<string> Headers { get; init; } = [];
    public bool Cache { get; init; }
    public bool Goto { get; init; }
    public IReadOnlyList<string> NoCache { get; init; } = [];
    /// <summary>Dot-files (.git, .env, .htpasswd) but /.well-known: denied whatever else <c>--deny</c> adds, unless
    /// it is given alone (then nothing is denied) or exempts them with '!'.</summary>
    public static readonly IReadOnlyList<string> DefaultDeny = [".*", "!.well-known"];

    public IReadOnlyList<string> Deny { get; init; } = DefaultDeny;
    public IReadOnlyList<string> Attachment { get; init; } = [];
    public bool Listing { get; init; } = true;
    public string Index { get; init; } = "index.html";
    public string PathPrefix { get; init; } = string.Empty;
    public bool Compress { get; init; } = true;
    public string? Spa { get; init; }
    public bool Open { get; init; }

    public string? Config { get; init; }
    public string Root { get; init; } = ".";
    public string? LogDir { get; init; }
    public IReadOnlyList<(string Component, string? File)> Logs { get; init; } = [];
    public string? RequestLog { get; init; }
    public IReadOnlyList<(string Component, string? File)> DebugLogs { get; init; } = [];
    public bool LogSecrets { get; init; }
    public long? LogRotateBytes { get; init; } = 10L * 1024 * 1024;
    public int LogKeep { get; init; } = 5;
    public string? PidFile { get; init; }
    public bool Daemon { get; init; }
    public bool Quiet { get; init; }
    public bool Verbose { get; init; }

    /// <summary>Whether any listener serves HTTPS: <c>--ssl</c>, or an https:// <c>--listen</c> URL.</summary>
    public bool UsesTls => Listen.Count == 0 ? Ssl : Listen.Any(url => url.StartsWith("https:", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads every setting; problems are collected in <paramref name="reader"/>.</summary>
    public static ServeSettings Read(SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ssl = reader.Flag("ssl", false);
        var userFile = reader.Text("userfile");
        var jwtPrivKey = reader.Text("jwt-priv-key");
        var anyLogin = reader.Flag("any-login", false);
        var addUsers = reader.Flag("add-users", false);
        var settings = new ServeSettings
        {
            Address = reader.Text("address") ?? "127.0.0.1",
            Port = reader.Number("port", 0, 65535) ?? (ssl ? DefaultTlsPort : DefaultPort),
            Listen = reader.List("listen") ?? [],
            Ssl = ssl,
            Cert = reader.Text("cert"),
            Key = reader.Text("key"),
            KeyPassphrase = reader.Text("key-passphrase", OptionCatalog.KeyPassphraseVariable),
            Auth = ReadAuth(reader, userFile is not null || jwtPrivKey is not null || anyLogin || addUsers || reader.IsSet("secrets") || reader.IsSet("jwt-key") || reader.IsSet("users-dburl")),
            JwtKey = reader.Text("jwt-key", OptionCatalog.JwtKeyVariable),
            JwtPrivKey = jwtPrivKey,
            JwtAlgo = reader.Choice("jwt-algo") ?? (jwtPrivKey is null ? "HS256" : "RS256"),
            UserFile = userFile,
            UserFileHashed = reader.Flag("userfile-hashed", true),
            HashType = reader.Choice("hash-type"),
            AddUsers = addUsers,
            Secrets = reader.List("secrets") ?? ["secret"],
            AnyLogin = anyLogin,
            CookieSameSite = reader.Choice("cookie-samesite"),
            Lockout = ReadLockout(reader),
            RateLimit = string.Equals(reader.Text("rate-limit"), "off", StringComparison.OrdinalIgnoreCase) ? 0 : reader.Number("rate-limit", 1, 100_000) ?? 10,
            Csrf = reader.Flag("csrf", false),
            UsersDbUrl = reader.Text("users-dburl", OptionCatalog.UsersDbUrlVariable),
            SessionsDbUrl = reader.Text("sessions-dburl", OptionCatalog.SessionsDbUrlVariable),
            CacheUrl = reader.Text("cache-url", OptionCatalog.CacheUrlVariable),
            LockoutUrl = reader.Text("lockout-url", OptionCatalog.LockoutUrlVariable),
            Cors = reader.Flag("enable-cors", false),
            AllowedOrigins = reader.List("allowed-origins") ?? ["*"],
            AllowedHeaders = reader.List("allowed-headers") ?? OptionCatalog.DefaultAllowedHeaders,
            AllowedMethods = reader.List("allowed-methods") ?? OptionCatalog.DefaultAllowedMethods,
            AllowCredentials = reader.Flag("allow-credentials", false),
            Headers = reader.List("headers") ?? [],
            Cache = reader.Flag("cache", false),
            Goto = reader.Flag("goto", false),
            NoCache = reader.List("no-cache") ?? [],
            Deny = reader.List("deny") is { } deny ? (deny.Count == 0 ? [] : [.. DefaultDeny, .. deny]) : DefaultDeny,
            Attachment = reader.List("attachment") ?? [],
            Listing = reader.Flag("listing", true),
            Index = reader.Text("index") ?? "index.html",
            PathPrefix = reader.Text("path-prefix") ?? string.Empty,
            Compress = reader.Flag("compress", true),
            Spa = reader.Text("spa"),
            Open = reader.Flag("open", false),
            Config = reader.Text("config"),
            Root = reader.Text("root") ?? ".",
            LogDir = reader.Text("logdir"),
            Logs = reader.ComponentLogs("log"),
            RequestLog = reader.Text("request-log"),
            DebugLogs = reader.ComponentLogs("debug-log"),
            LogSecrets = reader.Flag("log-secrets", false),
            LogRotateBytes = ReadRotation(reader),
            LogKeep = reader.Number("log-keep", 0, 1000) ?? 5,
            PidFile = reader.Text("pidfile"),
            Daemon = reader.Flag("daemon", false),
            Quiet = reader.Flag("quiet", false),
            Verbose = reader.Flag("verbose", false),
        };
        settings.Check(reader);
        return settings;
    }

    private void Check(SettingReader reader)
    {
        if (Listen.Count > 0 && (reader.IsSet("address") || reader.IsSet("port")))
        {
            reader.Problem("listen", "cannot be combined with --address or --port");
        }

        if (Listen.Count > 0 && Ssl && !UsesTls)
        {
            reader.Problem("ssl", "with --listen, serve HTTPS by giving https:// URLs");
        }

        if ((Cert is not null || Key is not null) && !UsesTls)
        {
            reader.Problem(Cert is null ? "key" : "cert", "needs --ssl (or an https:// --listen URL)");
        }

        foreach (var component in Logs.Concat(DebugLogs).Select(log => log.Component).Where(component => !LogComponents.Categories.ContainsKey(component)))
        {
            reader.Problem("log", $"unknown component '{SettingReader.Printable(component)}'; one of {string.Join(", ", LogComponents.Categories.Keys)}");
        }

        foreach (var (setting, file) in InputFiles())
        {
            if (!File.Exists(file))
            {
                reader.Problem(setting, $"'{SettingReader.Printable(file)}' {(Directory.Exists(file) ? "is a directory, not a file" : "does not exist")}");
            }
        }

        StoreUrls.Check(this, reader);

        if (Auth == AuthMode.None && reader.IsSet("auth") && (UserFile is not null || AnyLogin || AddUsers))
        {
            reader.Problem("auth", "is none, but a users file or login option is given");
        }

        if (Auth != AuthMode.Jwt && (JwtPrivKey is not null || reader.IsSet("jwt-algo")))
        {
            reader.Problem(JwtPrivKey is null ? "jwt-algo" : "jwt-priv-key", "needs --auth jwt");
        }

        if (Auth == AuthMode.Jwt && JwtAlgo is not null && !JwtAlgo.StartsWith("HS", StringComparison.Ordinal) && JwtPrivKey is null)
        {
            reader.Problem("jwt-algo", $"{JwtAlgo} needs --jwt-priv-key");
        }

        if (Auth == AuthMode.Jwt && JwtAlgo is not null && JwtAlgo.StartsWith("HS", StringComparison.Ordinal) && JwtPrivKey is not null)
        {
            reader.Problem("jwt-algo", $"{JwtAlgo} signs with --jwt-key, not with --jwt-priv-key");
        }
    }

    /// <summary>The files the server reads at start-up, by setting: they must exist (a users file that --add-users is
    /// about to fill may not yet).</summary>
    private IEnumerable<(string Setting, string File)> InputFiles()
    {
        if (UserFile is not null && !AddUsers)
        {
            yield return ("userfile", UserFile);
        }

        if (Ssl && Cert is not null)
        {
            yield return ("cert", Cert);
        }

        if (Ssl && Key is not null)
        {
            yield return ("key", Key);
        }

        if (Auth == AuthMode.Jwt && JwtPrivKey is not null)
        {
            yield return ("jwt-priv-key", JwtPrivKey);
        }
    }

    private static AuthMode ReadAuth(SettingReader reader, bool loginOptions) => reader.Choice("auth") switch
    {
        "cookie" => AuthMode.Cookie,
        "jwt" => AuthMode.Jwt,
        "none" => AuthMode.None,
        _ => loginOptions ? AuthMode.Cookie : AuthMode.None,
    };

    private static (int, TimeSpan)? ReadLockout(SettingReader reader)
    {
        var text = reader.Text("lockout");
        if (text is null)
        {
            return (5, TimeSpan.FromMinutes(5));
        }

        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = LockoutPattern().Match(text);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var failures)
            && failures is >= 1 and <= 1000 && Duration(match.Groups[2].Value) is { } window)
        {
            return (failures, window);
        }

        reader.Problem("lockout", $"expected N/WINDOW (e.g. 5/5m, 10/1h; N from 1 to 1000, WINDOW from 1s to 30d) or off, not '{SettingReader.Printable(text)}'");
        return null;
    }

    private static long? ReadRotation(SettingReader reader)
    {
        var text = reader.Text("log-rotate");
        if (text is null)
        {
            return 10L * 1024 * 1024;
        }

        if (string.Equals(text, "daily", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = SizePattern().Match(text);
        if (match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 1024 * 1024)
        {
            var unit = match.Groups[2].Value.ToUpperInvariant() switch { "K" => 1024L, "M" => 1024L * 1024, "G" => 1024L * 1024 * 1024, _ => 1L };
            if (size * unit >= 4096)
            {
                return size * unit;
            }
        }

        reader.Problem("log-rotate", $"expected a size of at least 4K (e.g. 512K, 10M, 1G) or daily, not '{SettingReader.Printable(text)}'");
        return 10L * 1024 * 1024;
    }

    /// <summary>A duration such as 30s, 5m, 1h or 2d, from 1 second to 30 days; null otherwise.</summary>
    private static TimeSpan? Duration(string text)
    {
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return null;
        }

        var duration = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            _ => TimeSpan.FromDays(count),
        };
        return duration <= TimeSpan.FromDays(30) ? duration : null;
    }

    [GeneratedRegex(@"^([0-9]{1,4})/([0-9]{1,7}[smhdSMHD])$")]
    private static partial Regex LockoutPattern();

    [GeneratedRegex(@"^([0-9]{1,7})([kKmMgG]?)$")]
    private static partial Regex SizePattern();
}
