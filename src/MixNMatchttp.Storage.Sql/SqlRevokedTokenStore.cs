using Microsoft.EntityFrameworkCore;
using MixNMatchttp.Auth;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Revoked JWT access tokens in SQLite or PostgreSQL (table revoked_tokens: the <c>jti</c> and the token's
/// expiry). Thread-safe. Made by <see cref="SqlStorage"/>.</summary>
public sealed class SqlRevokedTokenStore : IRevokedTokenStore
{
    private readonly IDbContextFactory<StorageContext> _contexts;
    private readonly SqlStatements _sql;
    private readonly Func<StorageContext, string, Task<bool>> _isRevoked = EF.CompileAsyncQuery((StorageContext db, string tokenId) =>
        db.RevokedTokens.Any(token => token.TokenId == tokenId));

    internal SqlRevokedTokenStore(IDbContextFactory<StorageContext> contexts, SqlStatements sql)
    {
        _contexts = contexts;
        _sql = sql;
    }

    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        await using var db = _contexts.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(_sql.RevokeToken, [tokenId, expiresAt.ToUnixTimeMilliseconds()], cancellationToken);
    }

    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        await using var db = _contexts.CreateDbContext();
        return await _isRevoked(db, tokenId).WaitAsync(cancellationToken);
    }

    public async ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.ToUnixTimeMilliseconds();
        await using var db = _contexts.CreateDbContext();
        return await db.RevokedTokens.Where(t => t.ExpiresAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
