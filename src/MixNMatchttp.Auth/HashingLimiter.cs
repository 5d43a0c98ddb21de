using System.Threading.RateLimiting;

namespace MixNMatchttp.Auth;

/// <summary>
/// Bounds password hashing and verification: at most <see cref="HashingLimitOptions.MaxConcurrent"/> computations at
/// once, each on a thread of its own (a computation never blocks a thread-pool thread that requests need), with up to
/// <see cref="HashingLimitOptions.QueueLimit"/> more waiting, oldest first, for at most
/// <see cref="HashingLimitOptions.QueueTimeout"/>.
/// </summary>
internal sealed class HashingLimiter : IDisposable
{
    private static readonly TimeSpan BackgroundRetry = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrencyLimiter _permits;
    private readonly TimeSpan _timeout;

    public HashingLimiter(HashingLimitOptions options)
    {
        _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrent,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timeout = options.QueueTimeout;
    }

    /// <summary>Runs <paramref name="work"/> once a permit is free. Ran is false, and the work has not run, when the
    /// queue is full or no permit came within the timeout.</summary>
    public async Task<(bool Ran, T Result)> TryRunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        RateLimitLease lease;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(_timeout);
            try
            {
                lease = await _permits.AcquireAsync(1, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (false, default!);
            }
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                return (false, default!);
            }

            var result = await Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return (true, result);
        }
    }

    /// <summary>Runs background work (a users file load, a user added in code) within the limit: it waits its turn
    /// however long that takes instead of being refused.</summary>
    public async Task<T> RunAsync<T>(Func<T> work)
    {
        while (true)
        {
            var (ran, result) = await TryRunAsync(work, CancellationToken.None);
            if (ran)
            {
                return result;
            }

            await Task.Delay(BackgroundRetry);
        }
    }

    public void Dispose() => _permits.Dispose();
}
