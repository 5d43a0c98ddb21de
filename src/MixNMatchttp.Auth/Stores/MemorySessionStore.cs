using System.Collections.Concurrent;

namespace MixNMatchttp.Auth;

/// <summary>Sessions in memory.</summary>
public sealed class MemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        _sessions[session.TokenHash] = session;
        return default;
    }

    public ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        new(_sessions.GetValueOrDefault(tokenHash));

    public ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken) =>
        new(_sessions.TryRemove(tokenHash, out _));

    public ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.Username == username)
            {
                _sessions.TryRemove(new KeyValuePair<string, SessionRecord>(key, session));
            }
        }

        return default;
    }

    public ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken) =>
        new(RemoveWhere(session => session.Family == family));

    public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        new(RemoveWhere(session => session.ExpiresAt <= now));

    private int RemoveWhere(Func<SessionRecord, bool> condition)
    {
        var removed = 0;
        foreach (var (key, session) in _sessions)
        {
            if (condition(session) && _sessions.TryRemove(new KeyValuePair<string, SessionRecord>(key, session)))
            {
                removed++;
            }
        }

        return removed;
    }
}
