namespace MixNMatchttp.Auth;

/// <summary>
/// A shared revoked-token store with this instance's answers of the last second remembered: a token revoked here is
/// refused at once, one revoked on another instance within a second.
/// </summary>
internal sealed class RecentRevocations : IRevokedTokenStore
{
    private readonly RecentAnswers<bool> _recent = new();
    private readonly IRevokedTokenStore _store;
    private readonly Func<string, Task<bool>> _isRevoked;

    public RecentRevocations(IRevokedTokenStore store)
    {
        _store = store;
        _isRevoked = tokenId => store.IsRevokedAsync(tokenId, CancellationToken.None).AsTask();
    }

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _recent.Set(tokenId, true);
        return _store.RevokeAsync(tokenId, expiresAt, cancellationToken);
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        new(_recent.GetAsync(tokenId, _isRevoked, cancellationToken));

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => _store.PruneAsync(now, cancellationToken);
}
