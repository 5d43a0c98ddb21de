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
    public void Succeeded(string username, string address) => GiveBack(username, address, clearAccount: true);

    /// <summary>Gives back a reservation whose password was never checked (the server was too busy to check it).</summary>
    public void Release(string username, string address) => GiveBack(username, address, clearAccount: false);

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

    private void GiveBack(string username, string address, bool clearAccount)
    {
        if (options.MaxFailures <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (clearAccount)
            {
                _failures.Remove(AccountKey(username));
            }
            else
            {
                Decrement(AccountKey(username));
            }

            Decrement(AddressKey(address));
        }
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
