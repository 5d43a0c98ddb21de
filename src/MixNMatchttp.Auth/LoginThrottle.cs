namespace MixNMatchttp.Auth;

/// <summary>
/// Counts login attempts per account and per client address; after <see cref="LockoutOptions.MaxFailures"/>
/// failures within the window, further attempts are refused until the window has passed since the last one.
/// An attempt is reserved (counted as a failure) before its password is checked, atomically for both keys, so a
/// burst of parallel guesses gets exactly <see cref="LockoutOptions.MaxFailures"/> password checks; a successful
/// login gives its reservation back.
/// </summary>
internal sealed class LoginThrottle(LockoutOptions options, TimeProvider time)
{
    private readonly Dictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Reserves an attempt for <paramref name="username"/> from <paramref name="address"/>: null when it may
    /// go ahead (it now counts as a failure until <see cref="Succeeded"/>), or how long the account or address
    /// stays locked (nothing reserved).</summary>
    public TimeSpan? TryReserve(string username, string address)
    {
        if (options.MaxFailures <= 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var keys = Keys(username, address);
        lock (_lock)
        {
            TimeSpan? longest = null;
            foreach (var key in keys)
            {
                if (_failures.TryGetValue(key, out var failures) && failures.LockedUntil(options, now) is { } until)
                {
                    var remaining = until - now;
                    longest = longest is null || remaining > longest ? remaining : longest;
                }
            }

            if (longest is not null)
            {
                return longest;
            }

            foreach (var key in keys)
            {
                _failures[key] = _failures.TryGetValue(key, out var failures) ? failures.Add(options, now) : new Failures(1, now);
            }

            return null;
        }
    }

    /// <summary>A successful login clears the account's count and gives the address its reservation back (the
    /// address keeps its earlier failures).</summary>
    public void Succeeded(string username, string address)
    {
        if (options.MaxFailures <= 0)
        {
            return;
        }

        var addressKey = AddressKey(address);
        lock (_lock)
        {
            _failures.Remove(AccountKey(username));
            if (_failures.TryGetValue(addressKey, out var failures))
            {
                if (failures.Count <= 1)
                {
                    _failures.Remove(addressKey);
                }
                else
                {
                    _failures[addressKey] = failures with { Count = failures.Count - 1 };
                }
            }
        }
    }

    public void Prune()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (key, failures) in _failures)
            {
                if (now - failures.Last >= options.Window)
                {
                    _failures.Remove(key);
                }
            }
        }
    }

    private static string AccountKey(string username) => "u:" + username;

    private static string AddressKey(string address) => "a:" + address;

    private static string[] Keys(string username, string address) => [AccountKey(username), AddressKey(address)];

    private sealed record Failures(int Count, DateTimeOffset Last)
    {
        public Failures Add(LockoutOptions options, DateTimeOffset now) =>
            now - Last >= options.Window ? new Failures(1, now) : new Failures(Count + 1, now);

        public DateTimeOffset? LockedUntil(LockoutOptions options, DateTimeOffset now) =>
            Count >= options.MaxFailures && now - Last < options.Window ? Last + options.Window : null;
    }
}
