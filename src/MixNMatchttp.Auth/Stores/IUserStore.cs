namespace MixNMatchttp.Auth;

/// <summary>Where users live: memory by default; SQL stores plug in here. Implementations are thread-safe.</summary>
public interface IUserStore
{
    /// <summary>The user with this name (exact match), or null.</summary>
    ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken);

    /// <summary>Adds a user; false when the name is taken.</summary>
    ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Replaces a user's password hash; false when there is no such user.</summary>
    ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Adds the user or replaces the one with the same name (users file loads).</summary>
    ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Removes a user; false when there is no such user.</summary>
    ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken);
}
