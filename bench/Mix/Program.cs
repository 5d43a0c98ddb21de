using System.Globalization;
using Mix;
using MixNMatchttp;
using MixNMatchttp.Auth;
using MixNMatchttp.Files;
using MixNMatchttp.Logging;

// MixNMatchttp server for bench/run.sh.
// Usage: Mix --port N --root DIR [--auth cookie|jwt] [--rate-limit N] [--users URL] [--sessions URL]
// With --auth, paths under "secret" need a session: the server logs a user in against itself once started
// and prints "Credential: <header>" for run.sh to send with the protected scenarios. --rate-limit sets
// RateLimitOptions.PermitsPerSecond (0 turns the per-address limit off; auth-flood.sh uses it). --users and --sessions
// keep users / sessions in a database (sqlite:///FILE, postgresql://…; sessions also redis://…): run.sh STORES=1, login.sh.
// Env ACCESSLOG=console adds the access log on the standard output (run.sh sends it to a file), ACCESSLOG=file
// writes it to access.log next to the docroot instead: run with and without it to measure what the access log costs.
var port = 0;
string? root = null;
string? auth = null;
int? rateLimit = null;
string? usersUrl = null;
string? sessionsUrl = null;
for (var i = 0; i + 1 < args.Length; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--root":
            root = Path.GetFullPath(args[++i]);
            break;
        case "--auth":
            auth = args[++i];
            break;
        case "--users":
            usersUrl = args[++i];
            break;
        case "--sessions":
            sessionsUrl = args[++i];
            break;
        case "--rate-limit":
            rateLimit = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
    }
}

if (root is null || !Directory.Exists(root))
{
    await Console.Error.WriteLineAsync("usage: Mix --port N --root DIR").ConfigureAwait(false);
    return 2;
}

var authOptions = new AuthOptions { ProtectedPaths = { "secret" } };
await using var stores = await BenchStores.OpenAsync(authOptions, usersUrl, sessionsUrl).ConfigureAwait(false);
if (rateLimit is { } permits)
{
    authOptions.RateLimit.PermitsPerSecond = permits;
}
AuthModule? authModule = auth switch
{
    null => null,
    "cookie" => new CookieAuth(authOptions),
    "jwt" => new JwtAuth(authOptions, new JwtOptions { Passphrase = "bench-passphrase-of-at-least-32-bytes", AccessTokenLifetime = TimeSpan.FromHours(1) }),
    _ => null,
};
if (auth is not null && authModule is null)
{
    await Console.Error.WriteLineAsync("--auth must be cookie or jwt").ConfigureAwait(false);
    return 2;
}

var accessLogSetting = Environment.GetEnvironmentVariable("ACCESSLOG");
AccessLog? accessLog = accessLogSetting switch
{
    null or "" => null,
    "console" => new AccessLog(new AccessLogOptions { Console = true }),
    "file" => new AccessLog(new AccessLogOptions { Console = false, File = Path.Join(Path.GetDirectoryName(root), "access.log") }),
    _ => null,
};
if (accessLog is null && !string.IsNullOrEmpty(accessLogSetting))
{
    await Console.Error.WriteLineAsync("ACCESSLOG must be console or file").ConfigureAwait(false);
    return 2;
}

// No logging providers, like Bare's ClearProviders().
var server = MixServer.Create(new MixServerOptions { Address = "127.0.0.1", Port = port, ConfigureLogging = _ => { } });
if (accessLog is not null)
{
    server.Add(accessLog);
}

if (authModule is not null)
{
    server.Add(authModule);
}

await using var app = server
    .Add(new PlaintextModule())
    .Add(new StaticFiles(new StaticFilesOptions { Root = root }))
    .Build();

await app.StartAsync().ConfigureAwait(false);
Console.WriteLine($"Mix listening on {string.Join(' ', app.Urls)}");
if (authModule is not null)
{
    Console.WriteLine($"Credential: {await Credentials.LogInAsync(authModule, new Uri(app.Urls[0])).ConfigureAwait(false)}");
}

await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
