namespace MixNMatchttp.Auth;

/// <summary>Brute-force protection: failed logins are counted per account and per client address.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failures within <see cref="Window"/> that lock the account or address. Default: 5; 0 turns lockout off.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are remembered, and how long a lockout lasts after the last failure. Default: 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The status sent while locked. Default: <see cref="LockoutStatus.TooManyRequests"/> (429, with Retry-After).</summary>
    public LockoutStatus StatusCode { get; set; } = LockoutStatus.TooManyRequests;

    /// <summary>A copy, so that a running server does not change with these options.</summary>
    internal LockoutOptions Snapshot() => (LockoutOptions)MemberwiseClone();
}
