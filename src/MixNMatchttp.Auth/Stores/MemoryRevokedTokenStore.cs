using System.Collections.Concurrent;

namespace MixNMatchttp.Auth;

/// <summary>Revoked access tokens in memory.</summary>
public sealed class MemoryRevokedTokenStore : IRevokedTokenStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public int Count => _revoked.Count;

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        _revoked[tokenId] = expiresAt;
        return default;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) => new(_revoked.ContainsKey(tokenId));

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var entry in _revoked)
        {
            if (entry.Value <= now && _revoked.TryRemove(entry))
            {
                removed++;
            }
        }

        return new(removed);
    }
}
