namespace MixNMatchttp.Auth;

/// <summary>Failed-login counts in memory, every change under one lock.</summary>
public sealed class MemoryLockoutStore : ILockoutStore
{
    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _failures.Count;
            }
        }
    }

    public ValueTask<TimeSpan?> TryReserveAsync(string account, string address, int maxFailures, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string[] keys = [AccountKey(account), AddressKey(address)];
        lock (_lock)
        {
            TimeSpan? longest = null;
            foreach (var key in keys)
            {
                if (_failures.TryGetValue(key, out var failures) && failures.Count >= maxFailures && now - failures.Last < window)
                {
                    var remaining = failures.Last + window - now;
                    longest = longest is null || remaining > longest ? remaining : longest;
                }
            }

            if (longest is null)
            {
                foreach (var key in keys)
                {
                    _failures[key] = _failures.TryGetValue(key, out var failures) && now - failures.Last < window
                        ? new Failures(failures.Count + 1, now)
                        : new Failures(1, now);
                }
            }

            return new(longest);
        }
    }

    public ValueTask GiveBackAsync(string account, string address, bool clearAccount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (clearAccount)
            {
                _failures.Remove(AccountKey(account));
            }
            else
            {
                Decrement(AccountKey(account));
            }

            Decrement(AddressKey(address));
        }

        return default;
    }

    public ValueTask<int> PruneAsync(TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        lock (_lock)
        {
            foreach (var (key, failures) in _failures)
            {
                if (now - failures.Last >= window && _failures.Remove(key))
                {
                    removed++;
                }
            }
        }

        return new(removed);
    }

    private void Decrement(string key)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return;
        }

        if (failures.Count <= 1)
        {
            _failures.Remove(key);
        }
        else
        {
            _failures[key] = failures with { Count = failures.Count - 1 };
        }
    }

    private static string AccountKey(string account) => "u:" + account;

    private static string AddressKey(string address) => "a:" + address;

    private readonly record struct Failures(int Count, DateTimeOffset Last);
}
