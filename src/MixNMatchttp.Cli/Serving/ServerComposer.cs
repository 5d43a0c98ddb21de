using Microsoft.Net.Http.Headers;
using MixNMatchttp.Auth;
using MixNMatchttp.Caching;
using MixNMatchttp.Capture;
using MixNMatchttp.Cli.Daemon;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;
using MixNMatchttp.Headers;
using MixNMatchttp.Logging;
using MixNMatchttp.PathPolicies;
using MixNMatchttp.Redirects;

namespace MixNMatchttp.Cli.Serving;

/// <summary>Builds the server the settings describe: which modules, in which order, with which options.</summary>
internal static class ServerComposer
{
    public static MixServer Compose(ServeSettings settings, StoreConnections stores, MixServerOptions serverOptions, string? pidFile, ServeVariant? variant = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var server = MixServer.Create(serverOptions)
            .Add(new SystemdSupport())
            .Add(new PrivatePaths([settings.Config, pidFile, settings.LogDir, .. stores.DatabaseFiles]));
        var rotation = LogSetup.Rotation(settings);
        // As the original: requests on the console, or in access.log once there is a log directory.
        var consoleAccessLog = !settings.Quiet && settings.LogDir is null && !DaemonControl.IsChild;
        if (consoleAccessLog || settings.LogDir is not null)
        {
            server.Add(new AccessLog(new AccessLogOptions
            {
                Console = consoleAccessLog,
                File = settings.LogDir is null ? null : Path.Join(settings.LogDir, LogSetup.AccessLogFile),
                Rotation = rotation,
                LogSecrets = settings.LogSecrets,
            }));
        }

        if (settings.Deny.Count > 0)
        {
            server.Add(new DenyPaths(new DenyPathsOptions { Patterns = [.. settings.Deny] }));
        }

        if (Auth(settings, stores) is { } auth)
        {
            server.Add(auth);
        }

        if (settings.Cors)
        {
            server.Add(new Cors(new CorsOptions
            {
                AllowedHeaders = [.. settings.AllowedHeaders],
                AllowedMethods = [.. settings.AllowedMethods],
                AllowCredentials = settings.AllowCredentials,
            }.SetOrigins(settings.AllowedOrigins)));
        }

        if (settings.Headers.Count > 0)
        {
            server.Add(new CustomHeaders(new CustomHeadersOptions { Headers = [.. settings.Headers] }));
        }

        if (settings.NoCache.Count > 0)
        {
            server.Add(new NoCachePaths(new NoCachePathsOptions { Patterns = [.. settings.NoCache] }));
        }

        if (settings.Cache)
        {
            server.Add(new PageCache(new PageCacheOptions { Store = stores.Pages }));
        }

        if (settings.Goto)
        {
            server.Add(new GotoRedirect());
        }

        if (settings.RequestLog is { } requestLog)
        {
            server.Add(new RequestCapture(new RequestCaptureOptions
            {
                LogFile = settings.LogDir is null ? requestLog : Path.Join(settings.LogDir, requestLog),
                RedactSecrets = !settings.LogSecrets,
                LogRotation = rotation,
            }));
        }

        foreach (var module in variant?.Modules(settings) ?? [])
        {
            server.Add(module);
        }

        return variant?.ServesFiles(settings) == false ? server : server.Add(new StaticFiles(new StaticFilesOptions
        {
            Root = settings.Root,
            DirectoryListing = settings.Listing,
            IndexFile = settings.Index,
            AttachmentExtensions = [.. settings.Attachment],
            Compression = settings.Compress,
            SpaFallback = settings.Spa,
        }));
    }

    /// <summary>The modules on, for the start-up block.</summary>
    public static IEnumerable<string> ModuleNames(ServeSettings settings, ServeVariant? variant = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Auth != AuthMode.None)
        {
            yield return settings.Auth == AuthMode.Jwt ? $"jwt auth ({settings.JwtAlgo})" : "cookie auth";
        }

        if (settings.Cors)
        {
            yield return "cors";
        }

        if (settings.Cache)
        {
            yield return "cache";
        }

        if (settings.Goto)
        {
            yield return "goto";
        }

        if (settings.RequestLog is not null)
        {
            yield return "request log";
        }

        foreach (var name in variant?.ModuleNames(settings) ?? [])
        {
            yield return name;
        }

        if (variant?.ServesFiles(settings) != false)
        {
            yield return $"files ({string.Join(", ", FileFeatures(settings))})";
        }
    }

    private static IEnumerable<string> FileFeatures(ServeSettings settings)
    {
        yield return settings.Listing ? "listing" : "no listing";
        if (settings.Compress)
        {
            yield return "compression";
        }

        if (settings.Spa is { } spa)
        {
            yield return $"spa: {spa}";
        }
    }

    private static AuthModule? Auth(ServeSettings settings, StoreConnections stores)
    {
        if (settings.Auth == AuthMode.None)
        {
            return null;
        }

        var options = new AuthOptions
        {
            UsersFile = settings.UserFile,
            UsersFileHashed = settings.UserFileHashed && settings.HashType != "plaintext",
            AnyLogin = settings.AnyLogin,
            Lockout = settings.Lockout is { } lockout ? new LockoutOptions { MaxFailures = lockout.MaxFailures, Window = lockout.Window } : new LockoutOptions { MaxFailures = 0 },
            RateLimit = new RateLimitOptions { PermitsPerSecond = settings.RateLimit, Burst = Math.Max(1, 2 * settings.RateLimit) },
            UserStore = stores.Users,
            SessionStore = stores.Sessions,
            RevokedTokenStore = stores.RevokedTokens,
            LockoutStore = stores.Lockout,
        };
        foreach (var secret in settings.Secrets)
        {
            options.ProtectedPaths.Add(secret);
        }

        if (settings.Auth == AuthMode.Jwt)
        {
            return new JwtAuth(options, new JwtOptions
            {
                Algorithm = Enum.Parse<JwtAlgorithm>(settings.JwtAlgo ?? "HS256"),
                Passphrase = settings.JwtKey,
                PrivateKeyFile = settings.JwtPrivKey,
            });
        }

        var cookie = new SessionCookieOptions
        {
            SameSite = settings.CookieSameSite switch
            {
                "strict" => SameSiteMode.Strict,
                "lax" => SameSiteMode.Lax,
                "none" => SameSiteMode.None,
                _ => null,
            },
        };
        return new CookieAuth(options, cookie) { CsrfProtection = settings.Csrf };
    }
}
