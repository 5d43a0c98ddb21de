namespace MixNMatchttp.Storage.Sql;

/// <summary>The database a <see cref="DatabaseUrl"/> names.</summary>
public enum SqlProvider
{
    /// <summary>A SQLite database file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    PostgreSql,
}
