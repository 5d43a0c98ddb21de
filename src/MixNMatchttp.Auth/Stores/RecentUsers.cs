namespace MixNMatchttp.Auth;

/// <summary>
/// A shared user store with the users that sessions and tokens named in the last second remembered, found or not
/// (<see cref="FindRecentAsync"/>). <see cref="FindAsync"/> always asks the store: credential checks use it. A user
/// created, changed or removed here is forgotten at once; one changed on another instance is seen within a second.
/// </summary>
internal sealed class RecentUsers(IUserStore store) : IUserStore
{
    private readonly RecentAnswers<UserRecord?> _recent = new(username => store.FindAsync(username, CancellationToken.None).AsTask());

    /// <summary>The user a session or token names, as the store said within the last second.</summary>
    public ValueTask<UserRecord?> FindRecentAsync(string username, CancellationToken cancellationToken) =>
        new(_recent.GetAsync(username, cancellationToken));

    public ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken) => store.FindAsync(username, cancellationToken);

    public ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.TryCreateAsync(user, cancellationToken).FinallyAsync(() => _recent.Forget(user.Username));
    }

    public ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken) =>
        store.UpdatePasswordHashAsync(username, passwordHash, cancellationToken).FinallyAsync(() => _recent.Forget(username));

    public ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.UpsertAsync(user, cancellationToken).FinallyAsync(() => _recent.Forget(user.Username));
    }

    public ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken) =>
        store.RemoveAsync(username, cancellationToken).FinallyAsync(() => _recent.Forget(username));
}
