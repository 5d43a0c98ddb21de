using System.Text.Json.Nodes;
using MixNMatchttp.Auth;

namespace MixNMatchttp.Cli.Options;

/// <summary>
/// Every option of the command, grouped as the original App's <c>--help</c> grouped them, with the original's long and
/// short names so that its command lines work unchanged; ours are added to the groups they belong to.
/// </summary>
internal static class OptionCatalog
{
    public const string KeyPassphraseVariable = "MIXNMATCHTTP_KEY_PASSPHRASE";
    public const string JwtKeyVariable = "MIXNMATCHTTP_JWT_KEY";
    public const string UsersDbUrlVariable = "MIXNMATCHTTP_USERS_DBURL";
    public const string SessionsDbUrlVariable = "MIXNMATCHTTP_SESSIONS_DBURL";
    public const string CacheUrlVariable = "MIXNMATCHTTP_CACHE_URL";
    public const string LockoutUrlVariable = "MIXNMATCHTTP_LOCKOUT_URL";

    public static readonly IReadOnlyList<string> HashTypes = PasswordHashNames.All;

    public static readonly IReadOnlyList<string> JwtAlgorithms = ["HS256", "HS384", "HS512", "RS256", "ES256"];

    public static readonly IReadOnlyList<string> DefaultAllowedHeaders = ["Accept", "Accept-Language", "Content-Language", "Content-Type", "Authorization"];

    public static readonly IReadOnlyList<string> DefaultAllowedMethods = ["POST", "GET", "OPTIONS", "HEAD"];

    public static readonly IReadOnlyList<OptionGroup> Groups =
    [
        new("Listen options",
        [
            new("--address", "-a", OptionShape.Value, "Address or host name of the interface to bind to.") { ValueName = "HOST", Default = "127.0.0.1" },
            new("--port", "-p", OptionShape.Value, "Port to listen on; 0 picks a free one.") { ValueName = "PORT", Default = "58080, or 58443 with TLS" },
            new("--listen", null, OptionShape.List, "Listen on these URLs (http:// or https://HOST:PORT) instead of --address and --port.") { ValueName = "URL", Default = "none" },
        ]),
        new("TLS options",
        [
            new("--ssl", "-s", OptionShape.Flag, "Serve HTTPS: with --cert and --key, or a self-signed certificate for every listen host.") { Default = "off" },
            new("--no-ssl", null, OptionShape.Flag, "Serve plain HTTP (overrides a configuration file).") { Setting = "ssl", Sets = [Set("ssl", false)] },
            new("--cert", null, OptionShape.Value, "PEM file with the server certificate (and its chain).") { ValueName = "FILE" },
            new("--key", null, OptionShape.Value, "PEM file with the certificate's private key.") { ValueName = "FILE" },
            new("--key-passphrase", null, OptionShape.Value, $"Passphrase of an encrypted --key; '-' reads it from standard input; or set {KeyPassphraseVariable}.") { ValueName = "PASSPHRASE", Environment = KeyPassphraseVariable },
        ]),
        new("Authentication options",
        [
            new("--auth", null, OptionShape.Value, "Authentication: cookie sessions, JSON Web Tokens, or none.") { ValueName = "cookie|jwt|none", Choices = ["cookie", "jwt", "none"], Default = "cookie when a users file or another login option is given, else none" },
            new("--jwt-key", null, OptionShape.Value, $"HMAC secret (HS*) or the passphrase of --jwt-priv-key; '-' reads it from standard input; or set {JwtKeyVariable}.") { ValueName = "PASSWORD", Environment = JwtKeyVariable, Default = "random (tokens die with the process)" },
            new("--jwt-priv-key", null, OptionShape.Value, "PEM private key for asymmetric JWT signing (RSA for RS256, P-256 for ES256).") { ValueName = "FILE" },
            new("--jwt-algo", null, OptionShape.Value, "The JWT signing algorithm.") { ValueName = "ALGORITHM", Choices = JwtAlgorithms, Default = "HS256, or RS256 with --jwt-priv-key" },
            new("--userfile", null, OptionShape.Value, "Users file: one username:password[:roles] per line, roles comma-separated.") { ValueName = "FILE" },
            new("--userfile-plain", null, OptionShape.Flag, "The passwords in the users file are cleartext.") { Setting = "userfile-hashed", Sets = [Set("userfile-hashed", false)] },
            new("--userfile-hashed", null, OptionShape.Flag, "The passwords in the users file are hashed (overrides a configuration file).") { Default = "hashed" },
            new("--hash-type", null, OptionShape.OptionalValue, "Hash format of the users file and of users added; without a value: plaintext.") { ValueName = "TYPE", Choices = HashTypes, ImpliedValue = "plaintext", Default = "argon2id" },
            new("--add-users", null, OptionShape.Flag, "Prompt for users to add (to --userfile if given) before starting.") { Saved = false },
            new("--secrets", "-S", OptionShape.List, "Paths that need a login; without a leading '/' they match anywhere in the path.") { ValueName = "PATH", Default = "secret, when authentication is on" },
            new("--any-login", null, OptionShape.Flag, "Every username and password logs in (as the original's CORS demo server).") { Default = "off" },
            new("--cookie-samesite", null, OptionShape.Value, "SameSite attribute of the session cookie.") { ValueName = "strict|lax|none", Choices = ["strict", "lax", "none"], Default = "not sent (the browser's default)" },
            new("--lockout", null, OptionShape.Value, "Lock an account after N failed logins within WINDOW (e.g. 5/5m, 10/1h), or off.") { ValueName = "N/WINDOW|off", Default = "5/5m" },
            new("--rate-limit", null, OptionShape.Value, "Requests per second one client address may make to /login, /register and /changepwd (bursts of twice that), or off.") { ValueName = "N|off", Default = "10" },
            new("--csrf", null, OptionShape.Flag, "State-changing requests of logged-in browsers need the anti-CSRF token.") { Default = "off" },
        ]),
        new("CORS options",
        [
            new("--enable-cors", "-X", OptionShape.Flag, "Enable CORS support.") { Default = "off" },
            new("--disable-cors", null, OptionShape.Flag, "Disable CORS support (overrides a configuration file).") { Setting = "enable-cors", Sets = [Set("enable-cors", false)] },
            new("--cors", null, OptionShape.Flag, "Shortcut for -X --allow-any-origin.") { Setting = "enable-cors", Sets = [Set("enable-cors", true), new("allowed-origins", new JsonArray("{ECHO}"))] },
            new("--allowed-origins", null, OptionShape.List, "Origins allowed for CORS requests; {ECHO} echoes the request's origin.") { ValueName = "ORIGIN", Default = "*", AllowsEmptyList = true },
            new("--allow-any-origin", null, OptionShape.Flag, "Allow any origin, i.e. echo back the requesting origin.") { Setting = "allowed-origins", Sets = [new("allowed-origins", new JsonArray("{ECHO}"))] },
            new("--allowed-headers", null, OptionShape.List, "Headers allowed for CORS requests.") { ValueName = "HEADER", Default = string.Join(", ", DefaultAllowedHeaders), AllowsEmptyList = true },
            new("--allowed-methods", null, OptionShape.List, "Methods allowed for CORS requests.") { ValueName = "METHOD", Default = string.Join(", ", DefaultAllowedMethods), AllowsEmptyList = true },
            new("--allow-credentials", null, OptionShape.Flag, "Allow credentials with CORS requests.") { Default = "off" },
            new("--disallow-credentials", null, OptionShape.Flag, "Do not allow credentials with CORS requests (overrides a configuration file).") { Setting = "allow-credentials", Sets = [Set("allow-credentials", false)] },
        ]),
        new("Database options",
        [
            new("--users-dburl", null, OptionShape.Value, $"Users database: sqlite:///FILE, postgresql://USER:PASSWORD@HOST:PORT/DB; or set {UsersDbUrlVariable}.") { ValueName = "URL", Environment = UsersDbUrlVariable, Default = "memory (and --userfile)" },
            new("--sessions-dburl", null, OptionShape.Value, $"Sessions and revoked tokens: sqlite:///FILE, postgresql://…, redis://HOST:PORT[/DB]; or set {SessionsDbUrlVariable}.") { ValueName = "URL", Environment = SessionsDbUrlVariable, Default = "memory" },
            new("--cache-url", null, OptionShape.Value, $"Page cache shared by instances: redis://HOST:PORT[/DB]; or set {CacheUrlVariable}.") { ValueName = "URL", Environment = CacheUrlVariable, Default = "memory" },
            new("--lockout-url", null, OptionShape.Value, $"Failed-login counts shared by instances: redis://HOST:PORT[/DB]; or set {LockoutUrlVariable}.") { ValueName = "URL", Environment = LockoutUrlVariable, Default = "memory" },
        ]),
        new("HTTP options",
        [
            new("--headers", "-H", OptionShape.List, "Additional headers to include in every response.") { ValueName = "'NAME: VALUE'" },
            new("--cache", null, OptionShape.Flag, "Serve the page cache (/cache/NAME).") { Default = "off" },
            new("--goto", null, OptionShape.Flag, "Serve the open redirect (/goto/URL).") { Default = "off" },
            new("--no-cache", null, OptionShape.List, "Paths sent with no-cache headers (globs; a leading '!' exempts).") { ValueName = "PATTERN" },
            new("--deny", null, OptionShape.List, "Paths never served, besides dot-files (globs; a leading '!' exempts, so '!.git' serves .git); alone: nothing denied.") { ValueName = "PATTERN", Default = ".* !.well-known (dot-files)", AllowsEmptyList = true },
            new("--attachment", null, OptionShape.List, "File extensions served as downloads (Content-Disposition: attachment).") { ValueName = "EXT" },
            new("--listing", null, OptionShape.Flag, "List directories without an index file.") { Default = "on" },
            new("--no-listing", null, OptionShape.Flag, "Do not list directories (403).") { Setting = "listing", Sets = [Set("listing", false)] },
            new("--index", null, OptionShape.Value, "The file served for a directory.") { ValueName = "FILE", Default = "index.html" },
            new("--path-prefix", null, OptionShape.Value, "Serve everything under this path prefix; other paths get 404.") { ValueName = "PREFIX" },
            new("--compress", null, OptionShape.Flag, "Compress text responses with Brotli or gzip; serve .br/.gz siblings.") { Default = "on" },
            new("--no-compress", null, OptionShape.Flag, "Never compress responses.") { Setting = "compress", Sets = [Set("compress", false)] },
            new("--spa", null, OptionShape.OptionalValue, "Answer unknown paths without an extension with this file (client-side routing).") { ValueName = "FILE", ImpliedValue = "index.html", Default = "off" },
            new("--open", "-o", OptionShape.Flag, "Open the server's URL in a browser once it listens.") { Saved = false },
        ]),
        new("Logging and process options",
        [
            new("--config", "-c", OptionShape.Value, "Configuration file (JSON); command-line options take precedence.") { ValueName = "FILE", Saved = false },
            new("--save-config", null, OptionShape.Flag, "Write the effective settings to --config.") { Saved = false },
            new("--root", "-r", OptionShape.Value, "Directory to serve files from; the working directory changes to it.") { ValueName = "DIR", Default = "the current directory" },
            new("--logdir", "-l", OptionShape.Value, "Directory for access.log, event.log, error.log and the other logs.") { ValueName = "DIR", Default = "the console" },
            new("--log", null, OptionShape.ComponentLog, "Log a component's events (auth, cache, cors, files, goto, capture, server) to FILE in --logdir.") { Default = "COMPONENT.log" },
            new("--request-log", null, OptionShape.OptionalValue, "Log every full request (headers and body) to FILE in --logdir.") { ValueName = "FILE", ImpliedValue = "request.log", Default = "off" },
            new("--debug-log", null, OptionShape.ComponentLog, "Log a component's debugging output.") { Default = "debug-COMPONENT.log", Saved = false },
            new("--log-secrets", null, OptionShape.Flag, "Keep passwords, tokens and cookies in the logs.") { Default = "redacted" },
            new("--log-rotate", null, OptionShape.Value, "Rotate log files at this size (e.g. 10M) or daily.") { ValueName = "SIZE|daily", Default = "10M" },
            new("--log-keep", null, OptionShape.Value, "How many rotated log files to keep.") { ValueName = "N", Default = "5" },
            new("--pidfile", "-P", OptionShape.Value, "PID file of the daemon.") { ValueName = "FILE", Default = "mixnmatchttp.pid in $XDG_RUNTIME_DIR or the temp directory" },
            new("--daemon", "-d", OptionShape.Flag, "Run as a daemon.") { Default = "off" },
            new("--foreground", "-f", OptionShape.Flag, "Run in the foreground (overrides a configuration file).") { Setting = "daemon", Sets = [Set("daemon", false)] },
            new("--quiet", "-q", OptionShape.Flag, "No access log on the console.") { Default = "off" },
            new("--verbose", "-v", OptionShape.Flag, "Log every component's events.") { Default = "off" },
        ]),
    ];

    /// <summary>Every option, in help order.</summary>
    public static readonly IReadOnlyList<OptionSpec> All = [.. Groups.SelectMany(group => group.Options)];

    /// <summary>The settings a configuration file may hold: every option's setting but those never saved.</summary>
    public static readonly IReadOnlySet<string> FileSettings = All.Where(option => option.Saved).Select(option => option.Setting).ToHashSet(StringComparer.Ordinal);

    /// <summary>The choices of the option that writes <paramref name="setting"/> and has them.</summary>
    public static IReadOnlyList<string> Choices(string setting) =>
        All.First(option => option.Setting == setting && option.Choices is not null).Choices!;

    /// <summary>The option that names a setting in messages: the one whose long name is the setting.</summary>
    public static string OptionName(string setting) => "--" + setting;

    private static KeyValuePair<string, JsonNode> Set(string setting, bool value) => new(setting, JsonValue.Create(value));
}
