namespace MixNMatchttp.Auth;

/// <summary>Where sessions live: memory by default; SQL and Redis stores plug in here. Thread-safe.</summary>
public interface ISessionStore
{
    ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>The session with this token hash, expired or not, or null.</summary>
    ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Removes a session; true only for the one caller that removed it (refresh-token rotation relies on this).</summary>
    ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Removes every session of a user (password change).</summary>
    ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken);

    /// <summary>Removes every session of a refresh-token family (<see cref="SessionRecord.Family"/>); returns how many.</summary>
    ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken);

    /// <summary>Removes sessions expired at <paramref name="now"/>; returns how many.</summary>
    ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
