namespace MixNMatchttp.Auth;

/// <summary>How much password hashing and verification may run at once: each computation (Argon2id takes 19 MiB and
/// tens of milliseconds of a core) needs one of <see cref="MaxConcurrent"/> permits; up to <see cref="QueueLimit"/>
/// requests wait for one, for at most <see cref="QueueTimeout"/>. A request that finds the queue full or waits longer
/// gets 503 with <c>Retry-After</c>.</summary>
public sealed class HashingLimitOptions
{
    /// <summary>Computations at once, each on a thread of its own. Default: the number of processors.</summary>
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a permit. Default: 32 per processor.</summary>
    public int QueueLimit { get; set; } = 32 * Environment.ProcessorCount;

    /// <summary>How long a request may wait for a permit. Default: 2 seconds.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A copy, so that a running server does not change with these options.</summary>
    internal HashingLimitOptions Snapshot() => (HashingLimitOptions)MemberwiseClone();
}
