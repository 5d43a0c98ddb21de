namespace MixNMatchttp.Auth;

/// <summary>
/// Refresh tokens with rotation and reuse detection (OWASP): every refresh token descends from one login, its family.
/// Rotating a token leaves a spent marker in its place; presenting a spent (or concurrently rotated) token again
/// revokes every token of its family, so a stolen token that was used by either party stops working for both.
/// The next token of a rotation is stored before the old one is removed: a reuse that loses the race to remove the
/// old token always finds, and revokes, the winner's new token.
/// </summary>
internal sealed class RefreshTokenFamilies(ISessionStore sessions, TimeProvider time, TimeSpan lifetime)
{
    /// <summary>A new refresh token for <paramref name="username"/>; a login starts a new family.</summary>
    public async Task<string> IssueAsync(string username, string? family, CancellationToken cancellationToken)
    {
        var token = Tokens.NewRefreshToken();
        var hash = Tokens.Hash(token);
        await sessions.CreateAsync(new SessionRecord(hash, username, time.GetUtcNow() + lifetime, family ?? hash), cancellationToken);
        return token;
    }

    /// <summary>Replaces the live refresh token <paramref name="tokenHash"/> by a new one of the same family; null when
    /// the token was rotated meanwhile, which is a reuse: the family is revoked.</summary>
    public async Task<string?> RotateAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(tokenHash, cancellationToken) is not { } session)
        {
            await RevokeIfSpentAsync(tokenHash, cancellationToken);
            return null;
        }

        var family = session.Family ?? tokenHash;
        await sessions.CreateAsync(session with { TokenHash = SpentKey(tokenHash), Family = family }, cancellationToken);
        var next = await IssueAsync(session.Username, family, cancellationToken);
        if (await sessions.RemoveAsync(tokenHash, cancellationToken))
        {
            return next;
        }

        await sessions.RemoveFamilyAsync(family, cancellationToken);
        return null;
    }

    /// <summary>When <paramref name="tokenHash"/> is a rotated (spent) refresh token, revokes its family and returns
    /// the user it belonged to; null for a token that was never ours or has expired.</summary>
    public async Task<string?> RevokeIfSpentAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(SpentKey(tokenHash), cancellationToken) is not { Family: { } family } spent)
        {
            return null;
        }

        await sessions.RemoveFamilyAsync(family, cancellationToken);
        return spent.Username;
    }

    /// <summary>Where the spent marker of a token lives: the hash of a string no well-formed token can be
    /// (<see cref="Tokens.IsWellFormed"/> allows hex only), so a marker never authenticates anything.</summary>
    private static string SpentKey(string tokenHash) => Tokens.Hash("spent:" + tokenHash);
}
