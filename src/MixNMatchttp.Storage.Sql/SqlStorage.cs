using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MixNMatchttp.Auth;
using MixNMatchttp.Storage.Sql.Migrations;
using Npgsql;

namespace MixNMatchttp.Storage.Sql;

/// <summary>
/// An open SQL database with its tables migrated to the current schema, and the stores on it: <see cref="Users"/>,
/// <see cref="Sessions"/> and <see cref="RevokedTokens"/>. Open one per database and share it; dispose it at shutdown
/// (the stores stop working then). <see cref="SqlStorageAuthExtensions.UseSqlStorage"/> plugs the stores into
/// <see cref="AuthOptions"/>.
/// </summary>
public sealed class SqlStorage : IAsyncDisposable, IDisposable
{
    private static readonly System.Text.RegularExpressions.Regex Identifier = new("^[A-Za-z0-9_]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private readonly string _connectionString;

    private SqlStorage(DatabaseUrl url, string connectionString, IDbContextFactory<StorageContext> contexts, SqlStatements sql)
    {
        Url = url;
        _connectionString = connectionString;
        Users = new SqlUserStore(contexts, sql);
        Sessions = new SqlSessionStore(contexts, sql);
        RevokedTokens = new SqlRevokedTokenStore(contexts, sql);
    }

    /// <summary>The database (print <see cref="DatabaseUrl.Redacted"/>).</summary>
    public DatabaseUrl Url { get; }

    /// <summary>Users and roles.</summary>
    public SqlUserStore Users { get; }

    /// <summary>Cookie sessions and JWT refresh tokens.</summary>
    public SqlSessionStore Sessions { get; }

    /// <summary>Revoked JWT access tokens.</summary>
    public SqlRevokedTokenStore RevokedTokens { get; }

    /// <summary>Parses <paramref name="url"/> (see <see cref="DatabaseUrl"/>), opens the database, creates or upgrades its
    /// tables (EF Core migrations) and returns the stores.</summary>
    /// <exception cref="MixConfigurationException">One line naming the database (without its password) and what is
    /// wrong: a bad URL or option, a missing directory, an unreachable server, refused credentials…</exception>
    public static Task<SqlStorage> OpenAsync(string url, SqlStorageOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenAsync(DatabaseUrl.Parse(url), options, cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, SqlStorageOptions?, CancellationToken)"/>
    public static async Task<SqlStorage> OpenAsync(DatabaseUrl url, SqlStorageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= new SqlStorageOptions();
        var names = CheckNames(url, options);
        if (url.Provider == SqlProvider.Sqlite)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(url.ConnectionString).DataSource));
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new MixConfigurationException($"cannot open the database {url.Redacted}: the directory {directory} does not exist");
            }
        }

        var connectionString = url.Provider == SqlProvider.Sqlite
            ? new SqliteConnectionStringBuilder(url.ConnectionString) { DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds) }.ConnectionString
            : url.ConnectionString;
        var contexts = new PooledDbContextFactory<StorageContext>(ContextOptions(url.Provider, connectionString, names, options));
        try
        {
            await using var db = contexts.CreateDbContext();
            if (url.Provider == SqlProvider.Sqlite)
            {
                // WAL lets readers run beside the writer; the mode is stored in the file, so once is enough.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
            return new SqlStorage(url, connectionString, contexts, new SqlStatements(db));
        }
        catch (Exception e) when (Describe(e) is { } problem)
        {
            ClearPool(url.Provider, connectionString);
            throw new MixConfigurationException($"cannot open the database {url.Redacted}: {problem}", e);
        }
    }

    public void Dispose() => ClearPool(Url.Provider, _connectionString);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private static SqlNames CheckNames(DatabaseUrl url, SqlStorageOptions options)
    {
        var prefix = options.TablePrefix ?? "";
        if (prefix.Length > SqlStorageOptions.MaxTablePrefixLength || !Identifier.IsMatch(prefix))
        {
            throw new MixConfigurationException($"the table prefix must be at most {SqlStorageOptions.MaxTablePrefixLength} letters, digits and '_'");
        }

        if (options.Schema is not null)
        {
            if (url.Provider != SqlProvider.PostgreSql)
            {
                throw new MixConfigurationException("a schema name applies to PostgreSQL only (SQLite databases have none: use a table prefix)");
            }

            if (options.Schema.Length is 0 or > 63 || !Identifier.IsMatch(options.Schema))
            {
                throw new MixConfigurationException("the schema name must be 1 to 63 letters, digits and '_'");
            }
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new MixConfigurationException("the SQLite busy timeout must be more than 0 and at most 10 minutes");
        }

        return new SqlNames(url.Provider, prefix, options.Schema);
    }

    private static DbContextOptions<StorageContext> ContextOptions(SqlProvider provider, string connectionString, SqlNames names, SqlStorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<StorageContext>().UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        if (provider == SqlProvider.Sqlite)
        {
            builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(names.MigrationsHistory))
                .AddInterceptors(new SqlitePragmas(options.BusyTimeout));
        }
        else
        {
            builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(names.MigrationsHistory, names.Schema));
        }

        builder.ReplaceService<IMigrationsAssembly, StorageMigrationsAssembly>();
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SqlNamesExtension(names));
        return builder.Options;
    }

    /// <summary>What went wrong opening a database, in one line without secrets; null for errors that are bugs.</summary>
    private static string? Describe(Exception e) => e switch
    {
        PostgresException postgres => $"the server said: {OneLine(postgres.MessageText)} ({postgres.SqlState})",
        NpgsqlException { InnerException: SocketException socket } => $"cannot reach the server: {OneLine(socket.Message)}",
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => "the server did not answer in time",
        NpgsqlException npgsql => OneLine(npgsql.Message),
        SqliteException sqlite => OneLine(sqlite.Message),
        InvalidOperationException { InnerException: { } inner } when Describe(inner) is { } problem => problem,
        InvalidOperationException invalid when invalid.Message.Contains("pending changes", StringComparison.Ordinal) =>
            "the code's model differs from its last migration (a migration is missing from this build)",
        _ => null,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static void ClearPool(SqlProvider provider, string connectionString)
    {
        if (provider == SqlProvider.Sqlite)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
