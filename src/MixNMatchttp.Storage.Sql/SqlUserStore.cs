using Microsoft.EntityFrameworkCore;
using MixNMatchttp.Auth;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Users and their roles in SQLite or PostgreSQL (tables users, roles, user_roles). Thread-safe; atomic across
/// processes: a name is taken by one INSERT, and a user's roles change in one transaction. Made by
/// <see cref="SqlStorage"/>.</summary>
public sealed class SqlUserStore : IUserStore
{
    private readonly IDbContextFactory<StorageContext> _contexts;
    private readonly SqlStatements _sql;
    private readonly Func<StorageContext, string, Task<FoundUser?>> _find = EF.CompileAsyncQuery((StorageContext db, string name) =>
        db.Users.Where(user => user.Name == name)
            .Select(user => new FoundUser(user.PasswordHash, user.Roles.Select(link => link.Role!.Name).ToList()))
            .FirstOrDefault());

    internal SqlUserStore(IDbContextFactory<StorageContext> contexts, SqlStatements sql)
    {
        _contexts = contexts;
        _sql = sql;
    }

    /// <summary>The user with this name (exact match), its roles in ordinal order, or null.</summary>
    public async ValueTask<UserRecord?> FindAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        await using var db = _contexts.CreateDbContext();
        var found = await _find(db, username).WaitAsync(cancellationToken);
        return found is null ? null : new UserRecord(username, found.PasswordHash, [.. found.Roles.Order(StringComparer.Ordinal)]);
    }

    public async ValueTask<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = _contexts.CreateDbContext();
        if (user.Roles.Count == 0)
        {
            return await db.Database.ExecuteSqlRawAsync(_sql.CreateUser, [user.Username, user.PasswordHash], cancellationToken) == 1;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Database.ExecuteSqlRawAsync(_sql.CreateUser, [user.Username, user.PasswordHash], cancellationToken) == 0)
        {
            return false;
        }

        await LinkRolesAsync(db, user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async ValueTask<bool> UpdatePasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passwordHash);
        await using var db = _contexts.CreateDbContext();
        return await db.Users.Where(u => u.Name == username)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, passwordHash), cancellationToken) == 1;
    }

    /// <summary>Adds the user or replaces the one with the same name, its hash and all its roles, in one transaction.</summary>
    public async ValueTask UpsertAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(_sql.UpsertUser, [user.Username, user.PasswordHash], cancellationToken);
        await db.UserRoles.Where(link => db.Users.Any(u => u.Id == link.UserId && u.Name == user.Username)).ExecuteDeleteAsync(cancellationToken);
        await LinkRolesAsync(db, user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a user and its role links (the roles themselves stay).</summary>
    public async ValueTask<bool> RemoveAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Users.Where(u => u.Name == username).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Links the user (already inserted, in the current transaction) to its roles, creating missing ones.</summary>
    private async Task LinkRolesAsync(StorageContext db, UserRecord user, CancellationToken cancellationToken)
    {
        var roles = user.Roles.Distinct(StringComparer.Ordinal).ToArray();
        if (roles.Length == 0)
        {
            return;
        }

        foreach (var role in roles)
        {
            await db.Database.ExecuteSqlRawAsync(_sql.CreateRole, [role], cancellationToken);
        }

        var userId = await db.Users.Where(u => u.Name == user.Username).Select(u => u.Id).SingleAsync(cancellationToken);
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name)).Select(r => r.Id).ToListAsync(cancellationToken);
        db.UserRoles.AddRange(roleIds.Select(roleId => new UserRoleRow { UserId = userId, RoleId = roleId }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record FoundUser(string PasswordHash, List<string> Roles);
}
