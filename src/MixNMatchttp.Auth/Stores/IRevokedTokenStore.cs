namespace MixNMatchttp.Auth;

/// <summary>
/// The revoked access tokens (JWT <c>jti</c> claims): a denylist entry lives until the token would have expired anyway.
/// Memory by default; SQL and Redis stores share it between instances. Implementations are thread-safe.
/// </summary>
public interface IRevokedTokenStore
{
    /// <summary>Revokes the token with id <paramref name="tokenId"/>, which expires at <paramref name="expiresAt"/>.
    /// Revoking twice is harmless.</summary>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Whether the token with id <paramref name="tokenId"/> was revoked.</summary>
    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>Forgets entries of tokens expired at <paramref name="now"/>; returns how many. Stores whose entries expire
    /// by themselves return 0.</summary>
    ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
