namespace MixNMatchttp.Auth;

/// <summary>
/// A shared session store with the sessions this instance looked up in the last second remembered, found or not: a
/// session created or ended here is seen at once, one created or ended on another instance within a second. Expiry is
/// still checked on every request by the caller (the record carries it).
/// </summary>
internal sealed class RecentSessions(ISessionStore store) : ISessionStore
{
    private readonly RecentAnswers<SessionRecord?> _recent = new(tokenHash => store.FindAsync(tokenHash, CancellationToken.None).AsTask());

    public ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return store.CreateAsync(session, cancellationToken).FinallyAsync(() => _recent.Forget(session.TokenHash));
    }

    public ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        new(_recent.GetAsync(tokenHash, cancellationToken));

    public ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken) =>
        store.RemoveAsync(tokenHash, cancellationToken).FinallyAsync(() => _recent.Forget(tokenHash));

    public ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken) =>
        store.RemoveAllAsync(username, cancellationToken).FinallyAsync(() => _recent.ForgetWhere(session => session?.Username == username));

    public ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken) =>
        store.RemoveFamilyAsync(family, cancellationToken).FinallyAsync(() => _recent.ForgetWhere(session => session?.Family == family));

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.PruneAsync(now, cancellationToken).FinallyAsync(() => _recent.ForgetWhere(session => session?.ExpiresAt <= now));
}
