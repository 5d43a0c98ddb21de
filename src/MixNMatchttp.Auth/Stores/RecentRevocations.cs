namespace MixNMatchttp.Auth;

/// <summary>
/// A shared revoked-token store with this instance's answers of the last second remembered: a token revoked here is
/// refused at once, one revoked on another instance within a second.
/// </summary>
internal sealed class RecentRevocations(IRevokedTokenStore store) : IRevokedTokenStore
{
    private readonly RecentAnswers<bool> _recent = new();

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _recent.Set(tokenId, true);
        return store.RevokeAsync(tokenId, expiresAt, cancellationToken);
    }

    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        if (_recent.TryGet(tokenId, out var revoked))
        {
            return revoked;
        }

        revoked = await store.IsRevokedAsync(tokenId, cancellationToken);
        _recent.Set(tokenId, revoked);
        return revoked;
    }

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => store.PruneAsync(now, cancellationToken);
}
