using MixNMatchttp.Auth;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>Revoked access tokens in Redis: one key per token id that Redis expires when the token would have expired
/// anyway. <see cref="PruneAsync"/> has nothing to do and returns 0.</summary>
public sealed class RedisRevokedTokenStore : IRevokedTokenStore
{
    private readonly IDatabase _database;
    private readonly RedisKeys _keys;

    internal RedisRevokedTokenStore(IDatabase database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
    }

    /// <inheritdoc/>
    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var lifetime = expiresAt - DateTimeOffset.UtcNow;
        if (lifetime > TimeSpan.Zero)
        {
            await _database.StringSetAsync(_keys.Revoked(tokenId), 1, lifetime);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        return await _database.KeyExistsAsync(_keys.Revoked(tokenId));
    }

    /// <summary>Entries expire by themselves: returns 0.</summary>
    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => new(0);
}
