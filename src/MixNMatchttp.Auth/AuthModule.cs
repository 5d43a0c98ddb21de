using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth;

/// <summary>
/// What cookie and JWT authentication share (docs/modules/auth.md): the /login, /logout, /register and /changepwd
/// endpoints, users (with a users file), protected paths, password hashing and brute-force protection.
/// <see cref="CookieAuth"/> and <see cref="JwtAuth"/> say how a session is carried.
/// </summary>
public abstract class AuthModule : MixModule
{
    private const int MaxRememberedHashes = 4096;
    private static readonly object UserKey = new();

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    /// <summary>The user store when it is shared: sessions and tokens name their users through its recent answers.</summary>
    private readonly RecentUsers? _recentUsers;

    private ITimer? _pruneTimer;
    private HashingLimiter _hashing = new(new HashingLimitOptions());
    private RateLimitOptions _rateLimit = new();
    private ClientRateLimiter? _clients;
    private AlwaysOpenEndpoints _alwaysOpen = new(string.Empty, caseSensitive: false);

    private protected AuthModule(AuthOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _recentUsers = options.UserStore is { } users and not MemoryUserStore ? new RecentUsers(users) : null;
        Users = _recentUsers ?? options.UserStore ?? new MemoryUserStore();
        Sessions = options.SessionStore switch
        {
            null => new MemorySessionStore(),
            MemorySessionStore memory => memory,
            var shared => new RecentSessions(shared),
        };
        LockoutStore = options.LockoutStore ?? new MemoryLockoutStore();
        RevokedTokens = options.RevokedTokenStore switch
        {
            null => new MemoryRevokedTokenStore(),
            MemoryRevokedTokenStore memory => memory,
            var shared => new RecentRevocations(shared),
        };
        Hasher = new PasswordHasher(options.PasswordHashing);
    }

    /// <summary>The users of this module.</summary>
    public IUserStore Users { get; }

    /// <summary>The sessions of this module.</summary>
    public ISessionStore Sessions { get; }

    /// <summary>The failed-login counts of this module.</summary>
    public ILockoutStore LockoutStore { get; }

    /// <summary>The revoked access tokens of this module (JWT only).</summary>
    public IRevokedTokenStore RevokedTokens { get; }

    public PasswordHasher Hasher { get; }

    private protected AuthOptions Options { get; }

    /// <summary>The users file loader, once the server has started with a users file.</summary>
    internal UsersFileLoader? UsersFile { get; private set; }

    private protected AccessPolicy Policy { get; private set; } = AccessPolicy.None;

    private protected TimeProvider Time => Context.TimeProvider;

    private protected ILogger Logger => Context.Logger;

    private protected LoginThrottle Throttle { get; private set; } = new(new LockoutOptions(), new MemoryLockoutStore(), TimeProvider.System);

    public override EndpointNode Endpoints => new()
    {
        ["login"] = new() { AllowedMethods = Options.AllowGetLogin ? ["GET", "POST"] : ["POST"] },
        ["logout"] = new() { AllowedMethods = ["GET", "POST"] },
        ["register"] = new() { AllowedMethods = ["POST"] },
        ["changepwd"] = new() { AllowedMethods = ["POST"] },
    };

    /// <summary>The user the request is authenticated as, or null.</summary>
    public static AuthUser? UserOf(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.Items.TryGetValue(UserKey, out var user) ? user as AuthUser : null;
    }

    /// <summary>Creates a user with a password hashed by <see cref="Hasher"/>; false when the name is taken.</summary>
    public async Task<bool> AddUserAsync(string username, string password, IReadOnlyList<string>? roles = null, CancellationToken cancellationToken = default)
    {
        if (UserNames.Problem(username) is { } problem)
        {
            throw new ArgumentException(problem, nameof(username));
        }

        var hash = await _hashing.RunAsync(() => Hasher.Hash(password));
        return await Users.TryCreateAsync(new UserRecord(username, hash, roles ?? []), cancellationToken);
    }

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Post("login", LoginAsync)
            .Get("login", LoginAsync)
            .Any("logout", LogoutAsync)
            .Post("register", RegisterAsync)
            .Post("changepwd", ChangePasswordAsync);
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var lockout = Options.Lockout.Snapshot();
        if (!Enum.IsDefined(lockout.StatusCode))
        {
            configuration.Problem($"LockoutOptions.StatusCode must be TooManyRequests (429) or Unauthorized (401), not {(int)lockout.StatusCode}.");
        }

        if (lockout.MaxFailures < 0)
        {
            configuration.Problem($"LockoutOptions.MaxFailures cannot be negative ({lockout.MaxFailures}); 0 turns lockout off.");
        }

        CheckDuration(configuration, "LockoutOptions.Window", lockout.Window);
        CheckDuration(configuration, "AuthOptions.SessionLifetime", Options.SessionLifetime);
        CheckDuration(configuration, "AuthOptions.PruneInterval", Options.PruneInterval);
        ConfigureLimits(configuration);
        Policy = configuration.Check(() => AccessPolicy.Compile(Options)) ?? AccessPolicy.None;

        if (Options.UsersFile is { } usersFile)
        {
            configuration.KeepPrivate(usersFile);
        }

        _alwaysOpen = new AlwaysOpenEndpoints(configuration.ServerOptions.EndpointPrefix, configuration.ServerOptions.CaseSensitiveEndpoints);
        Throttle = new LoginThrottle(lockout, LockoutStore, configuration.ServerOptions.TimeProvider);
    }

    public override async ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Options.UsersFile is { } path)
        {
            UsersFile = new UsersFileLoader(path, Options, Users, Hasher, _hashing, Logger);
            await UsersFile.LoadAsync();
        }

        _clients = new ClientRateLimiter(_rateLimit);
        _pruneTimer = Time.CreateTimer(_ => _ = PruneAsync(), null, Options.PruneInterval, Options.PruneInterval);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_pruneTimer is not null)
        {
            await _pruneTimer.DisposeAsync();
        }

        UsersFile?.Dispose();
        _clients?.Dispose();
        _hashing.Dispose();
        await base.DisposeAsyncCore();
    }

    public override async ValueTask<Denial?> DeniedAsync(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Path;
        if (_alwaysOpen.Contains(path) || IsPreflight(context))
        {
            return null;
        }

        var user = await AuthenticateAsync(context);
        return Policy.Decide(context.Method, path, user) switch
        {
            AccessDecision.NeedsLogin => new Denial(StatusCodes.Status401Unauthorized, "Unauthorized", "log in to access this path"),
            AccessDecision.Forbidden => new Denial(StatusCodes.Status403Forbidden, "Forbidden", $"'{user!.Username}' may not access this path"),
            _ => user is null ? null : await CheckRequestAsync(context, user),
        };
    }

    /// <summary>Finds the user a request is authenticated as, once per request.</summary>
    private protected async ValueTask<AuthUser?> AuthenticateAsync(RequestContext context)
    {
        if (!CarriesCredential(context.Request))
        {
            return null;
        }

        var items = context.HttpContext.Items;
        if (items.TryGetValue(UserKey, out var known))
        {
            return known as AuthUser;
        }

        var user = await ReadSessionAsync(context);
        items[UserKey] = user;
        return user;
    }

    /// <summary>Whether the request carries anything <see cref="ReadSessionAsync"/> could read (cheap: headers only).</summary>
    private protected abstract bool CarriesCredential(HttpRequest request);

    /// <summary>The user of the session the request carries (cookie or bearer token), or null.</summary>
    private protected abstract ValueTask<AuthUser?> ReadSessionAsync(RequestContext context);

    /// <summary>A scheme's extra check of an authenticated request (anti-CSRF); null lets it through.</summary>
    private protected virtual ValueTask<Denial?> CheckRequestAsync(RequestContext context, AuthUser user) => default;

    /// <summary>Ends the session the request carries, if any.</summary>
    private protected abstract ValueTask EndSessionAsync(RequestContext context);

    /// <summary>Ends the session the request carries after failed credentials, and tells the client if it keeps the
    /// session itself (a cookie).</summary>
    private protected virtual ValueTask EndSessionAfterFailureAsync(RequestContext context) => EndSessionAsync(context);

    /// <summary>Starts a new session for <paramref name="user"/> and answers the request with it.</summary>
    private protected abstract Task StartSessionAsync(RequestContext context, AuthUser user);

    /// <summary>Answers an auth endpoint's failure.</summary>
    private protected abstract Task FailAsync(RequestContext context, int statusCode, string reason);

    /// <summary>The store key of a token (<see cref="Tokens.Hash"/>), remembered for recently seen tokens so that a
    /// client's repeated requests skip the SHA-256. Whether the session is valid is still asked of the store.</summary>
    private protected string HashOf(string token)
    {
        if (_hashes.TryGetValue(token, out var hash))
        {
            return hash;
        }

        if (_hashes.Count >= MaxRememberedHashes)
        {
            _hashes.Clear();
        }

        return _hashes[token] = Tokens.Hash(token);
    }

    /// <summary>The user a stored session belongs to, or null when it is gone or expired (expired ones are removed).</summary>
    private protected async ValueTask<AuthUser?> SessionUserAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var session = await Sessions.FindAsync(tokenHash, cancellationToken);
        if (session is null)
        {
            return null;
        }

        if (session.ExpiresAt <= Time.GetUtcNow())
        {
            await Sessions.RemoveAsync(tokenHash, cancellationToken);
            return null;
        }

        return await KnownUserAsync(session.Username, cancellationToken);
    }

    /// <summary>The user a session or token names, if it (still) exists, as a shared store said within the last
    /// second; with <see cref="AuthOptions.AnyLogin"/> any name is a user (without roles unless stored).</summary>
    private protected async ValueTask<AuthUser?> KnownUserAsync(string username, CancellationToken cancellationToken) =>
        AuthUserOf(await (_recentUsers?.FindRecentAsync(username, cancellationToken) ?? Users.FindAsync(username, cancellationToken)), username);

    private AuthUser? AuthUserOf(UserRecord? user, string username) =>
        user is not null ? new AuthUser(user.Username, user.Roles)
        : Options.AnyLogin ? new AuthUser(username, []) : null;

    private async ValueTask LoginAsync(RequestContext context)
    {
        if (await RefusedUpFrontAsync(context))
        {
            return;
        }

        var user = await CheckCredentialsAsync(context, context.GetParam("username"), context.GetParam("password"));
        if (user is not null)
        {
            await EndSessionAsync(context);
            await StartSessionAsync(context, user);
        }
    }

    private async ValueTask LogoutAsync(RequestContext context)
    {
        await EndSessionAsync(context);
        await LoggedOutAsync(context);
    }

    /// <summary>Answers a logout.</summary>
    private protected abstract Task LoggedOutAsync(RequestContext context);

    private async ValueTask RegisterAsync(RequestContext context)
    {
        if (await RefusedUpFrontAsync(context))
        {
            return;
        }

        var username = context.GetParam("username");
        var password = context.GetParam("password");
        var roles = context.GetParamValues("roles");
        var current = await AuthenticateAsync(context);
        foreach (var role in roles.Count == 0 ? [null] : roles.Cast<string?>())
        {
            var rule = Options.CanCreateUsers.FirstOrDefault(r => r.Role == role);
            if (rule is null || !AccessList.Allows(rule.Access, current))
            {
                await FailAsync(context, StatusCodes.Status401Unauthorized, role is null ? "you may not register users without a role" : $"you may not create users with the role '{role}'");
                return;
            }
        }

        var problem = UserNames.Problem(username) ?? PasswordProblem(password) ?? roles.Select(RoleNames.Problem).FirstOrDefault(p => p is not null);
        if (problem is not null)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        // Every check that needs no hash comes first: a taken name costs a look-up, not an Argon2id computation.
        if (await Users.FindAsync(username!, context.Aborted) is not null)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, $"the user '{username}' already exists");
            return;
        }

        var (hashed, hash) = await _hashing.TryRunAsync(() => Hasher.Hash(password!), context.Aborted);
        if (!hashed)
        {
            await BusyAsync(context);
            return;
        }

        var record = new UserRecord(username!, hash, [.. roles]);
        var created = UsersFile is { } file ? await file.CreateAsync(record) : await Users.TryCreateAsync(record, context.Aborted);
        if (created is null)
        {
            await UnsavedAsync(context);
            return;
        }

        if (created == false)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, $"the user '{username}' already exists");
            return;
        }

        await EndSessionAsync(context);
        await StartSessionAsync(context, new AuthUser(record.Username, record.Roles));
    }

    private async ValueTask ChangePasswordAsync(RequestContext context)
    {
        if (await RefusedUpFrontAsync(context))
        {
            return;
        }

        // The new password's policy needs no hash: it is checked before the current password is.
        var newPassword = context.GetParam("new_password");
        if (PasswordProblem(newPassword) is { } problem)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var user = await CheckCredentialsAsync(context, context.GetParam("username"), context.GetParam("password"));
        if (user is null)
        {
            return;
        }

        var (hashed, hash) = await _hashing.TryRunAsync(() => Hasher.Hash(newPassword!), context.Aborted);
        if (!hashed)
        {
            await BusyAsync(context);
            return;
        }

        if (!await SetPasswordHashAsync(user.Username, hash, context.Aborted))
        {
            await UnsavedAsync(context);
            return;
        }

        await EndSessionAsync(context);
        await Sessions.RemoveAllAsync(user.Username, context.Aborted);
        await StartSessionAsync(context, user);
    }

    /// <summary>
    /// Checks a user name and password, with lockout and the same cost for unknown users. On failure answers
    /// the request (401, or 429 while locked), ends the current session and returns null.
    /// </summary>
    private async ValueTask<AuthUser?> CheckCredentialsAsync(RequestContext context, string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || password is null)
        {
            await EndSessionAfterFailureAsync(context);
            await FailAsync(context, StatusCodes.Status401Unauthorized, "a user name and a password are required");
            return null;
        }

        if (Options.AnyLogin)
        {
            return await AnyLoginAsync(context, username);
        }

        var address = AddressOf(context);
        if (await Throttle.TryReserveAsync(username, address, context.Aborted) is { } wait)
        {
            var seconds = Seconds(wait);
            Logger.LockedOut(HttpSyntax.Printable(username), address, seconds);
            var status = (int)Options.Lockout.StatusCode;
            await RefuseAsync(context, status, status == StatusCodes.Status429TooManyRequests ? seconds : null, $"too many failed logins: try again in {seconds} seconds");
            return null;
        }

        var record = await Users.FindAsync(username, context.Aborted);
        var (checkedPassword, (matches, upgraded)) = await _hashing.TryRunAsync(
            () => (Hasher.VerifyAndUpgrade(password, record?.PasswordHash ?? Hasher.DummyHash, out var upgrade), upgrade), context.Aborted);
        if (!checkedPassword)
        {
            await Throttle.ReleaseAsync(username, address);
            await BusyAsync(context);
            return null;
        }

        var valid = matches && record is not null;
        if (!valid)
        {
            Logger.LoginFailed(HttpSyntax.Printable(username), address);
            await EndSessionAfterFailureAsync(context);
            await FailAsync(context, StatusCodes.Status401Unauthorized, "wrong user name or password");
            return null;
        }

        await Throttle.SucceededAsync(username, address);
        if (upgraded is not null)
        {
            // An upgrade the users file refuses is logged and tried again at the next login.
            await SetPasswordHashAsync(username, upgraded, context.Aborted);
        }

        return new AuthUser(record!.Username, record.Roles);
    }

    /// <summary>With <see cref="AuthOptions.AnyLogin"/>: any valid user name logs in, whatever the password.</summary>
    private async ValueTask<AuthUser?> AnyLoginAsync(RequestContext context, string username)
    {
        if (UserNames.Problem(username) is { } problem)
        {
            await EndSessionAfterFailureAsync(context);
            await FailAsync(context, StatusCodes.Status400BadRequest, problem);
            return null;
        }

        return AuthUserOf(await Users.FindAsync(username, context.Aborted), username);
    }

    /// <summary>Stores a user's new password hash: in the users file too when the user is one of its users. False when
    /// the file could not be written (logged; nothing changed).</summary>
    private async Task<bool> SetPasswordHashAsync(string username, string hash, CancellationToken cancellationToken)
    {
        if (UsersFile is { } file)
        {
            return await file.UpdatePasswordHashAsync(username, hash);
        }

        await Users.UpdatePasswordHashAsync(username, hash, cancellationToken);
        return true;
    }

    private Task UnsavedAsync(RequestContext context) =>
        FailAsync(context, StatusCodes.Status500InternalServerError, "the users file could not be written: nothing was changed");

    /// <summary>
    /// A CORS preflight (OPTIONS with Origin and Access-Control-Request-Method): browsers never send credentials with
    /// one, so it is never refused for want of them; the request it announces is checked when it comes.
    /// </summary>
    private static bool IsPreflight(RequestContext context) =>
        context.IsMethod(HttpMethods.Options)
        && context.Request.Headers.Origin.Count > 0
        && context.Request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>The refusals an auth endpoint gives before any work: over the address's rate limit (429), or a
    /// <c>goto</c> that could not be sent (400). True when the request was answered.</summary>
    private async ValueTask<bool> RefusedUpFrontAsync(RequestContext context) =>
        await RateLimitedAsync(context) || await RefusedGotoAsync(context);

    /// <summary>Refuses (400) a <c>goto</c> address that could not be sent as a Location, before any session is made,
    /// so that a session is never created for a client that cannot be told about it.</summary>
    private async ValueTask<bool> RefusedGotoAsync(RequestContext context)
    {
        if (context.GetParam("goto") is not { } address || !HttpSyntax.HasControlCharacters(address))
        {
            return false;
        }

        await FailAsync(context, StatusCodes.Status400BadRequest, "the goto address contains control characters");
        return true;
    }

    /// <summary>Reports a duration that is not positive or is longer than a year (the clock and the timers of the
    /// stores cannot work with either).</summary>
    private protected static void CheckDuration(ModuleConfiguration configuration, string option, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(366))
        {
            configuration.Problem($"{option} must be between 1 tick and 366 days, not {value}.");
        }
    }

    private void ConfigureLimits(ModuleConfiguration configuration)
    {
        var rateLimit = Options.RateLimit.Snapshot();
        if (rateLimit.PermitsPerSecond < 0)
        {
            configuration.Problem($"RateLimitOptions.PermitsPerSecond cannot be negative ({rateLimit.PermitsPerSecond}); 0 turns the limit off.");
        }

        if (rateLimit.PermitsPerSecond > 0 && rateLimit.Burst < 1)
        {
            configuration.Problem($"RateLimitOptions.Burst must be at least 1, not {rateLimit.Burst}.");
        }

        var hashing = Options.HashingLimit.Snapshot();
        if (hashing.MaxConcurrent < 1)
        {
            configuration.Problem($"HashingLimitOptions.MaxConcurrent must be at least 1, not {hashing.MaxConcurrent}.");
        }

        if (hashing.QueueLimit < 0)
        {
            configuration.Problem($"HashingLimitOptions.QueueLimit cannot be negative ({hashing.QueueLimit}).");
        }

        if (hashing.QueueTimeout <= TimeSpan.Zero || hashing.QueueTimeout > TimeSpan.FromMinutes(1))
        {
            configuration.Problem($"HashingLimitOptions.QueueTimeout must be between 1 tick and 1 minute, not {hashing.QueueTimeout}.");
        }

        _rateLimit = rateLimit;
        if (hashing.MaxConcurrent >= 1 && hashing.QueueLimit >= 0)
        {
            _hashing.Dispose();
            _hashing = new HashingLimiter(hashing);
        }
    }

    /// <summary>Refuses a request from an address that has used up its <see cref="RateLimitOptions"/> (429 with
    /// Retry-After); true when it did.</summary>
    private async ValueTask<bool> RateLimitedAsync(RequestContext context)
    {
        var address = AddressOf(context);
        if (_clients?.TryAcquire(address) is not { } wait)
        {
            return false;
        }

        var seconds = Seconds(wait);
        Logger.RateLimited(address, seconds);
        await RefuseAsync(context, StatusCodes.Status429TooManyRequests, seconds, $"too many requests from this address: try again in {seconds} seconds");
        return true;
    }

    /// <summary>Answers a request whose password could not be hashed or checked because <see cref="HashingLimitOptions"/>'
    /// queue was full or its wait too long: 503 with Retry-After.</summary>
    private Task BusyAsync(RequestContext context)
    {
        Logger.HashingBusy(context.Path);
        return RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, 1, "the server is busy checking passwords: try again in a second");
    }

    /// <summary>A failure with a <c>Retry-After</c> header (in seconds) when <paramref name="retryAfter"/> is set.</summary>
    private Task RefuseAsync(RequestContext context, int statusCode, int? retryAfter, string reason)
    {
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return FailAsync(context, statusCode, reason);
    }

    private static string AddressOf(RequestContext context) => context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A wait in whole seconds, rounded up, at least 1.</summary>
    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private string? PasswordProblem(string? password) =>
        password is null ? "the password is missing" : Options.PasswordPolicy.Check(password) ?? Hasher.CheckHashable(password);

    private async Task PruneAsync()
    {
        try
        {
            await Throttle.PruneAsync();
            Logger.Pruned(await Sessions.PruneAsync(Time.GetUtcNow(), CancellationToken.None));
            await RevokedTokens.PruneAsync(Time.GetUtcNow(), CancellationToken.None);
        }
#pragma warning disable CA1031 // a failed prune is retried on the next tick; it must not crash the timer
        catch (Exception e)
#pragma warning restore CA1031
        {
            Logger.PruneFailed(e);
        }
    }
}
