namespace MixNMatchttp.Auth;

/// <summary>
/// A shared revoked-token store with this instance's answers of the last second remembered: a token revoked here is
/// refused at once, one revoked on another instance within a second.
/// </summary>
internal sealed class RecentRevocations(IRevokedTokenStore store) : IRevokedTokenStore
{
    private readonly RecentAnswers<bool> _recent = new(tokenId => store.IsRevokedAsync(tokenId, CancellationToken.None).AsTask());

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _recent.Set(tokenId, true);
        return store.RevokeAsync(tokenId, expiresAt, cancellationToken);
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        new(_recent.GetAsync(tokenId, cancellationToken));

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => store.PruneAsync(now, cancellationToken);
}
