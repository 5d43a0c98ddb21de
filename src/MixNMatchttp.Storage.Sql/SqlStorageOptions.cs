namespace MixNMatchttp.Storage.Sql;

/// <summary>How <see cref="SqlStorage.OpenAsync(string, SqlStorageOptions?, CancellationToken)"/> names and opens the
/// tables.</summary>
public sealed class SqlStorageOptions
{
    /// <summary>The longest <see cref="TablePrefix"/>: PostgreSQL names are at most 63 bytes.</summary>
    public const int MaxTablePrefixLength = 30;

    /// <summary>Put before every table, index and constraint name, the migrations history table included, so that
    /// several storages (or applications) share one database: <c>mnm_</c> gives <c>mnm_users</c>, <c>mnm_sessions</c>…
    /// Letters, digits and '_', at most 30 characters. Default: none.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>PostgreSQL only: the schema holding the tables and the migrations history, created when missing. Letters,
    /// digits and '_'. Default: null, the server's default schema (<c>public</c>).</summary>
    public string? Schema { get; set; }

    /// <summary>SQLite only: how long a writer waits for another connection's (or process's) write to finish before
    /// failing; more than 0, at most 10 minutes (it replaces a connection string's Default Timeout). Default: 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
