namespace MixNMatchttp.Auth.Tests.Stores;

/// <summary>
/// Real memory stores behind counting decorators. They are not the memory store types, so an auth module treats them
/// as shared stores (as it does the SQL and Redis ones) and looks them up through its recent answers. Each look-up
/// takes <c>delay</c>, so that concurrent requests overlap the way they do with a store across a network.
/// </summary>
internal sealed class CountingSessionStore(TimeSpan delay = default) : ISessionStore
{
    public MemorySessionStore Inner { get; } = new();

    public Lookups Finds { get; } = new();

    public ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken) => Inner.CreateAsync(session, cancellationToken);

    public async ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        Finds.Add(tokenHash);
        await Task.Delay(delay, cancellationToken);
        return await Inner.FindAsync(tokenHash, cancellationToken);
    }

    public ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken) => Inner.RemoveAsync(tokenHash, cancellationToken);

    public ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken) => Inner.RemoveAllAsync(username, cancellationToken);

    public ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken) => Inner.RemoveFamilyAsync(family, cancellationToken);

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Inner.PruneAsync(now, cancellationToken);
}

/// <inheritdoc cref="CountingSessionStore"/>
internal sealed class CountingUserStore(TimeSpan delay = default) : IUserStore
{
    public MemoryUserStore Inner { get; } = new();

    public Lookups Finds { get; } = new();

    public async ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken)
    {
        Finds.Add(username);
        await Task.Delay(delay, cancellationToken);
        return await Inner.FindAsync(username, cancellationToken);
    }

    public ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken) => Inner.TryCreateAsync(user, cancellationToken);

    public ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken) =>
        Inner.UpdatePasswordHashAsync(username, passwordHash, cancellationToken);

    public ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken) => Inner.UpsertAsync(user, cancellationToken);

    public ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken) => Inner.RemoveAsync(username, cancellationToken);
}

/// <inheritdoc cref="CountingSessionStore"/>
internal sealed class CountingRevokedTokenStore(TimeSpan delay = default) : IRevokedTokenStore
{
    public MemoryRevokedTokenStore Inner { get; } = new();

    public Lookups Checks { get; } = new();

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Inner.RevokeAsync(tokenId, expiresAt, cancellationToken);

    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        Checks.Add(tokenId);
        await Task.Delay(delay, cancellationToken);
        return await Inner.IsRevokedAsync(tokenId, cancellationToken);
    }

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => Inner.PruneAsync(now, cancellationToken);
}
