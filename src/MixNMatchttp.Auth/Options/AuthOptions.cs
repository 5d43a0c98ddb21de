namespace MixNMatchttp.Auth;

/// <summary>Options shared by <see cref="CookieAuth"/> and <see cref="JwtAuth"/>.</summary>
public sealed class AuthOptions
{
    /// <summary>Protected paths, form 1: a leading '/' anchors at the start of the path, otherwise any path
    /// component may start the match; a match must end at '/' or the end of the path. Any authenticated user may
    /// access them. Case-insensitive. Default: none.</summary>
    public IList<string> ProtectedPaths { get; } = [];

    /// <summary>Protected paths, form 2: ordered rules; the first whose pattern matches <c>"METHOD /path"</c>
    /// decides. Checked after <see cref="ProtectedPaths"/>. Default: none.</summary>
    public IList<AccessRule> AccessRules { get; } = [];

    /// <summary>Who may register users of which role. Default: anyone may register users with no role.</summary>
    public IList<RoleCreationRule> CanCreateUsers { get; } = [new RoleCreationRule(null, [null])];

    /// <summary>New passwords must pass this policy.</summary>
    public PasswordPolicy PasswordPolicy { get; set; } = new();

    /// <summary>How passwords are hashed and which stored formats are accepted.</summary>
    public PasswordHashingOptions PasswordHashing { get; set; } = new();

    /// <summary>A users file: one <c>username:password[:role1,role2]</c> per line, re-read when it changes. Default: none.</summary>
    public string? UsersFile { get; set; }

    /// <summary>Whether the users file holds password hashes (else plaintext, hashed on load). Default: false.</summary>
    public bool UsersFileHashed { get; set; }

    /// <summary>Whether the passwords of a plaintext users file must pass <see cref="PasswordPolicy"/>; a line whose
    /// password does not is reported with its line number and not loaded. Hashed files cannot be checked. Default: true.</summary>
    public bool UsersFilePasswordPolicy { get; set; } = true;

    /// <summary>Whether <c>GET /login?username=…&amp;password=…&amp;goto=…</c> logs in, as the seed's README documents
    /// (the password then shows in URLs, logs and browser history); false allows POST only. Default: true.</summary>
    public bool AllowGetLogin { get; set; } = true;

    /// <summary>Whether every user name (a valid one) logs in whatever the password, as the original's CORS demo server
    /// did for its labs; stored users keep their roles, others have none. Never on a server that guards anything. Default: false.</summary>
    public bool AnyLogin { get; set; }

    /// <summary>How long a cookie session lasts on the server. Default: 1 day.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often expired sessions are pruned. Default: 5 minutes.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Brute-force protection.</summary>
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>How often one client address may call /login, /register and /changepwd.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>How much password hashing and verification may run at once.</summary>
    public HashingLimitOptions HashingLimit { get; set; } = new();

    /// <summary>Where users live. Default: memory.</summary>
    public IUserStore? UserStore { get; set; }

    /// <summary>Where sessions live. Default: memory. A store other than <see cref="MemorySessionStore"/> is asked at
    /// most once a second per session by each instance: a session ended on another instance ends here within a second.</summary>
    public ISessionStore? SessionStore { get; set; }

    /// <summary>Where failed-login counts live (<see cref="Lockout"/>). Default: memory.</summary>
    public ILockoutStore? LockoutStore { get; set; }

    /// <summary>Where revoked JWT access tokens are listed (<see cref="JwtAuth"/>: logout and password change revoke the
    /// access token they carry). Default: memory. A store other than <see cref="MemoryRevokedTokenStore"/> is asked at most
    /// once a second per token by each instance.</summary>
    public IRevokedTokenStore? RevokedTokenStore { get; set; }
}
