namespace MixNMatchttp.Auth;

/// <summary>
/// Where failed-login counts live, per account and per client address: memory by default; a Redis store shares them
/// between instances. Each key holds a count and the time of its last failure; a count whose last failure is a whole
/// window old starts again from zero. Implementations are thread-safe, and <see cref="TryReserveAsync"/> is one atomic
/// step for both keys, also across processes.
/// </summary>
public interface ILockoutStore
{
    /// <summary>Reserves a login attempt for <paramref name="account"/> from <paramref name="address"/>: when neither key
    /// has <paramref name="maxFailures"/> failures within <paramref name="window"/> of <paramref name="now"/>, both count
    /// one more failure at <paramref name="now"/> and the result is null; otherwise nothing changes and the result is how
    /// long the longer lock still lasts (a lock lasts <paramref name="window"/> after the last failure).</summary>
    ValueTask<TimeSpan?> TryReserveAsync(string account, string address, int maxFailures, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a reservation back: the address loses one failure, and the account either loses one
    /// (<paramref name="clearAccount"/> false: the password was never checked) or all of them (true: a successful
    /// login). A count that reaches zero is forgotten.</summary>
    ValueTask GiveBackAsync(string account, string address, bool clearAccount, CancellationToken cancellationToken);

    /// <summary>Forgets counts whose last failure is <paramref name="window"/> or more before <paramref name="now"/>;
    /// returns how many. Stores whose entries expire by themselves return 0.</summary>
    ValueTask<int> PruneAsync(TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);
}
