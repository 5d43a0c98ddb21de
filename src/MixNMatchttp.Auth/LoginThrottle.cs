namespace MixNMatchttp.Auth;

/// <summary>
/// Brute-force protection over an <see cref="ILockoutStore"/>: counts login attempts per account and per client
/// address; after <see cref="LockoutOptions.MaxFailures"/> failures within the window, further attempts are refused
/// until the window has passed since the last one. An attempt is reserved (counted as a failure) before its password
/// is checked, atomically for both keys, so a burst of parallel guesses, on one instance or many sharing the store,
/// gets exactly <see cref="LockoutOptions.MaxFailures"/> password checks; a successful login gives its reservation back.
/// </summary>
internal sealed class LoginThrottle(LockoutOptions options, ILockoutStore store, TimeProvider time)
{
    /// <summary>Null when the attempt may go ahead (it now counts as a failure until <see cref="SucceededAsync"/>), or
    /// how long the account or address stays locked (nothing reserved).</summary>
    public ValueTask<TimeSpan?> TryReserveAsync(string username, string address, CancellationToken cancellationToken) =>
        options.MaxFailures <= 0
            ? new((TimeSpan?)null)
            : store.TryReserveAsync(username, address, options.MaxFailures, options.Window, time.GetUtcNow(), cancellationToken);

    /// <summary>A successful login clears the account's count and gives the address its reservation back (the
    /// address keeps its earlier failures).</summary>
    public ValueTask SucceededAsync(string username, string address) => GiveBackAsync(username, address, clearAccount: true);

    /// <summary>Gives back a reservation whose password was never checked (the server was too busy to check it).</summary>
    public ValueTask ReleaseAsync(string username, string address) => GiveBackAsync(username, address, clearAccount: false);

    public ValueTask<int> PruneAsync() => store.PruneAsync(options.Window, time.GetUtcNow(), CancellationToken.None);

    // A reservation is given back even when the request was aborted: the count must not keep a failure that was none.
    private ValueTask GiveBackAsync(string username, string address, bool clearAccount) =>
        options.MaxFailures <= 0 ? default : store.GiveBackAsync(username, address, clearAccount, CancellationToken.None);
}
