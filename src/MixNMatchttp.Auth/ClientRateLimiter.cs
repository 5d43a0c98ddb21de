using System.Threading.RateLimiting;

namespace MixNMatchttp.Auth;

/// <summary>
/// A token bucket per client address (<see cref="RateLimitOptions"/>): <see cref="RateLimitOptions.Burst"/> requests,
/// <see cref="RateLimitOptions.PermitsPerSecond"/> of them given back each second. Buckets of addresses that have been
/// quiet for a while are dropped by the partitioned limiter, so memory follows the active addresses.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string>? _buckets;

    public ClientRateLimiter(RateLimitOptions options)
    {
        if (options.PermitsPerSecond <= 0)
        {
            return;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        };
        _buckets = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));
    }

    /// <summary>Takes a request from <paramref name="address"/>'s bucket: null when it may go ahead, else how long until
    /// the bucket has one again.</summary>
    public TimeSpan? TryAcquire(string address)
    {
        if (_buckets is null)
        {
            return null;
        }

        using var lease = _buckets.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : DefaultWait;
    }

    public void Dispose() => _buckets?.Dispose();
}
