using Microsoft.EntityFrameworkCore;
using MixNMatchttp.Auth;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Sessions in SQLite or PostgreSQL (table sessions: the token's hash, never the token). Thread-safe; each
/// change is one statement, so <see cref="RemoveAsync"/> is true for exactly one caller across processes. Made by
/// <see cref="SqlStorage"/>.</summary>
public sealed class SqlSessionStore : ISessionStore
{
    private readonly IDbContextFactory<StorageContext> _contexts;
    private readonly SqlStatements _sql;
    private readonly Func<StorageContext, string, Task<SessionRow?>> _find = EF.CompileAsyncQuery((StorageContext db, string tokenHash) =>
        db.Sessions.AsNoTracking().FirstOrDefault(session => session.TokenHash == tokenHash));

    internal SqlSessionStore(IDbContextFactory<StorageContext> contexts, SqlStatements sql)
    {
        _contexts = contexts;
        _sql = sql;
    }

    /// <summary>Adds the session (or replaces the one with the same token hash).</summary>
    public async ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var db = _contexts.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(
            _sql.CreateSession, [session.TokenHash, session.Username, session.ExpiresAt.ToUnixTimeMilliseconds(), session.Family!], cancellationToken);
    }

    public async ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var db = _contexts.CreateDbContext();
        var row = await _find(db, tokenHash).WaitAsync(cancellationToken);
        return row is null ? null : new SessionRecord(row.TokenHash, row.Username, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt), row.Family);
    }

    public async ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Sessions.Where(s => s.TokenHash == tokenHash).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public async ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        await db.Sessions.Where(s => s.Username == username).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Sessions.Where(s => s.Family == family).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.ToUnixTimeMilliseconds();
        await using var db = _contexts.CreateDbContext();
        return await db.Sessions.Where(s => s.ExpiresAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
