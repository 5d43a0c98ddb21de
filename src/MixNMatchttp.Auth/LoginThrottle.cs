using System.Collections.Concurrent;

namespace MixNMatchttp.Auth;

/// <summary>
/// Counts failed logins per account and per client address; after <see cref="LockoutOptions.MaxFailures"/>
/// failures within the window, further attempts are refused until the window has passed since the last one.
/// </summary>
internal sealed class LoginThrottle(LockoutOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="username"/> or <paramref name="address"/> stays locked; null when not locked.</summary>
    public TimeSpan? LockedFor(string username, string address)
    {
        if (options.MaxFailures <= 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        TimeSpan? longest = null;
        foreach (var key in Keys(username, address))
        {
            if (_failures.TryGetValue(key, out var failures) && failures.LockedUntil(options, now) is { } until)
            {
                var remaining = until - now;
                longest = longest is null || remaining > longest ? remaining : longest;
            }
        }

        return longest;
    }

    public void RecordFailure(string username, string address)
    {
        if (options.MaxFailures <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var key in Keys(username, address))
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => f.Add(options, now));
        }
    }

    /// <summary>A successful login clears the account's count (the address keeps its count).</summary>
    public void RecordSuccess(string username) => _failures.TryRemove(AccountKey(username), out _);

    public void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last >= options.Window)
            {
                _failures.TryRemove(new KeyValuePair<string, Failures>(key, failures));
            }
        }
    }

    private static string AccountKey(string username) => "u:" + username;

    private static string[] Keys(string username, string address) => [AccountKey(username), "a:" + address];

    private sealed record Failures(int Count, DateTimeOffset Last)
    {
        public Failures Add(LockoutOptions options, DateTimeOffset now) =>
            now - Last >= options.Window ? new Failures(1, now) : new Failures(Count + 1, now);

        public DateTimeOffset? LockedUntil(LockoutOptions options, DateTimeOffset now) =>
            Count >= options.MaxFailures && now - Last < options.Window ? Last + options.Window : null;
    }
}
