namespace MixNMatchttp.Auth;

/// <summary>
/// A shared session store with the sessions this instance found in the last second remembered: a session ended here is
/// forgotten at once, one ended on another instance within a second. Expiry is still checked on every request by the
/// caller (the record carries it).
/// </summary>
internal sealed class RecentSessions(ISessionStore store) : ISessionStore
{
    private readonly RecentAnswers<SessionRecord> _recent = new();

    public ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken) => store.CreateAsync(session, cancellationToken);

    public async ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (_recent.TryGet(tokenHash, out var known))
        {
            return known;
        }

        var session = await store.FindAsync(tokenHash, cancellationToken);
        if (session is null)
        {
            _recent.Forget(tokenHash);
        }
        else
        {
            _recent.Set(tokenHash, session);
        }

        return session;
    }

    public ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        _recent.Forget(tokenHash);
        return store.RemoveAsync(tokenHash, cancellationToken);
    }

    public ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken)
    {
        _recent.ForgetWhere(session => session.Username == username);
        return store.RemoveAllAsync(username, cancellationToken);
    }

    public ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken)
    {
        _recent.ForgetWhere(session => session.Family == family);
        return store.RemoveFamilyAsync(family, cancellationToken);
    }

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _recent.ForgetWhere(session => session.ExpiresAt <= now);
        return store.PruneAsync(now, cancellationToken);
    }
}
