using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MixNMatchttp.Storage.Sql;

/// <summary>
/// The writes that must be one atomic statement whatever runs beside them, as SQL both SQLite and PostgreSQL run
/// (<c>INSERT … ON CONFLICT</c>): taking a name, upserting, revoking twice. Parameters are positional ({0}, {1}…); the
/// table names are the storage's, quoted.
/// </summary>
internal sealed class SqlStatements
{
    public SqlStatements(StorageContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var names = context.Names;
        string Table(string name) => sql.DelimitIdentifier(name, names.Schema);
        var (users, roles, sessions, revoked) = (Table(names.Users), Table(names.Roles), Table(names.Sessions), Table(names.RevokedTokens));
        CreateUser = $"INSERT INTO {users} (name, password_hash) VALUES ({{0}}, {{1}}) ON CONFLICT (name) DO NOTHING";
        UpsertUser = $"INSERT INTO {users} (name, password_hash) VALUES ({{0}}, {{1}}) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash";
        CreateRole = $"INSERT INTO {roles} (name) VALUES ({{0}}) ON CONFLICT (name) DO NOTHING";
        CreateSession = $"INSERT INTO {sessions} (token_hash, username, expires_at, family) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) "
            + "ON CONFLICT (token_hash) DO UPDATE SET username = excluded.username, expires_at = excluded.expires_at, family = excluded.family";
        RevokeToken = $"INSERT INTO {revoked} (token_id, expires_at) VALUES ({{0}}, {{1}}) ON CONFLICT (token_id) DO NOTHING";
    }

    /// <summary>Adds a user (name, password hash) unless the name is taken: 1 row or 0.</summary>
    public string CreateUser { get; }

    /// <summary>Adds a user (name, password hash) or replaces its hash.</summary>
    public string UpsertUser { get; }

    /// <summary>Adds a role (name) unless it exists.</summary>
    public string CreateRole { get; }

    /// <summary>Adds or replaces a session (token hash, user name, expiry, family).</summary>
    public string CreateSession { get; }

    /// <summary>Lists a revoked token (id, expiry) unless listed.</summary>
    public string RevokeToken { get; }
}
