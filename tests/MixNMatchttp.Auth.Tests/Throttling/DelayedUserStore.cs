namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>A memory user store whose look-ups take <see cref="Delay"/> and are counted: it holds a burst of
/// logins between the lockout check and the password check, where a race would show.</summary>
internal sealed class DelayedUserStore(TimeSpan delay) : IUserStore
{
    private readonly MemoryUserStore _inner = new();
    private int _lookups;

    public TimeSpan Delay { get; } = delay;

    /// <summary>How many look-ups have started.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    public async ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        await Task.Delay(Delay, cancellationToken);
        return await _inner.FindAsync(username, cancellationToken);
    }

    public ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken) => _inner.TryCreateAsync(user, cancellationToken);

    public ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken) =>
        _inner.UpdatePasswordHashAsync(username, passwordHash, cancellationToken);

    public ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken) => _inner.UpsertAsync(user, cancellationToken);

    public ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken) => _inner.RemoveAsync(username, cancellationToken);
}
