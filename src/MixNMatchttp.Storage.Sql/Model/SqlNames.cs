namespace MixNMatchttp.Storage.Sql;

/// <summary>The names of one storage's tables, indexes and constraints: every name starts with the table prefix, and
/// PostgreSQL puts them in <see cref="Schema"/> (null: the server's default, SQLite has none).</summary>
internal sealed record SqlNames(SqlProvider Provider, string Prefix, string? Schema)
{
    public string Users => Prefix + "users";

    public string Roles => Prefix + "roles";

    public string UserRoles => Prefix + "user_roles";

    public string Sessions => Prefix + "sessions";

    public string RevokedTokens => Prefix + "revoked_tokens";

    public string MigrationsHistory => Prefix + "migrations_history";

    /// <summary>A primary key's name.</summary>
    public static string PrimaryKey(string table) => "pk_" + table;

    /// <summary>An index's name (SQLite index names are global to the file, so they carry the prefix too).</summary>
    public static string Index(string table, string column) => $"ix_{table}_{column}";

    /// <summary>A foreign key's name.</summary>
    public static string ForeignKey(string table, string column) => $"fk_{table}_{column}";
}
