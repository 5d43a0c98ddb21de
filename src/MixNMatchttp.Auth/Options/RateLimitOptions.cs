namespace MixNMatchttp.Auth;

/// <summary>How often one client address may call the password endpoints (/login, /register, /changepwd): a token
/// bucket per address holds <see cref="Burst"/> requests and gets <see cref="PermitsPerSecond"/> back every second.
/// A request beyond it gets 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests an address gets back each second. Default: 10; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = 10;

    /// <summary>The most requests an address may make at once after a quiet spell. Default: 20.</summary>
    public int Burst { get; set; } = 20;

    /// <summary>A copy, so that a running server does not change with these options.</summary>
    internal RateLimitOptions Snapshot() => (RateLimitOptions)MemberwiseClone();
}
