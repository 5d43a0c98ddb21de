using MixNMatchttp.Auth;
using MixNMatchttp.Caching;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Cli.Serving;

/// <summary>
/// The stores the store URLs name (<c>--users-dburl</c>, <c>--sessions-dburl</c>, <c>--lockout-url</c>,
/// <c>--cache-url</c>), opened before the server starts: SQL databases created or upgraded, Redis reached. Options that
/// name the same URL share one connection. A store that cannot be opened is one error line naming its option.
/// </summary>
internal sealed class StoreConnections : IAsyncDisposable
{
    private readonly Dictionary<string, SqlStorage> _sql = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RedisStorage> _redis = new(StringComparer.Ordinal);
    private readonly List<string> _described = [];

    private StoreConnections()
    {
    }

    public IUserStore? Users { get; private set; }

    public ISessionStore? Sessions { get; private set; }

    public IRevokedTokenStore? RevokedTokens { get; private set; }

    public ILockoutStore? Lockout { get; private set; }

    public IPageStore? Pages { get; private set; }

    /// <summary>What is stored where, for the start-up block ("users in postgresql://mix:***@db/mix"); passwords hidden.</summary>
    public IReadOnlyList<string> Described => _described;

    /// <summary>The SQLite database files, which the server must never serve.</summary>
    public IEnumerable<string> DatabaseFiles =>
        _sql.Values.Where(storage => storage.Url.Provider == SqlProvider.Sqlite)
            .Select(storage => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.Url.ConnectionString).DataSource)
            .SelectMany(file => new[] { file, file + "-wal", file + "-shm", file + "-journal" });

    public static async Task<StoreConnections> OpenAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        var stores = new StoreConnections();
        try
        {
            var auth = settings.Auth != AuthMode.None;
            if (auth && settings.UsersDbUrl is { } users)
            {
                var sql = await stores.SqlAsync("users-dburl", users, cancellationToken);
                stores.Users = sql.Users;
                stores._described.Add($"users in {sql.Url.Redacted}");
            }

            if (auth && settings.SessionsDbUrl is { } sessions)
            {
                if (StoreUrls.IsRedis(sessions))
                {
                    var redis = await stores.RedisAsync("sessions-dburl", sessions, cancellationToken);
                    (stores.Sessions, stores.RevokedTokens) = (redis.Sessions, redis.RevokedTokens);
                    stores._described.Add($"sessions in {redis.Url}");
                }
                else
                {
                    var sql = await stores.SqlAsync("sessions-dburl", sessions, cancellationToken);
                    (stores.Sessions, stores.RevokedTokens) = (sql.Sessions, sql.RevokedTokens);
                    stores._described.Add($"sessions in {sql.Url.Redacted}");
                }
            }

            if (auth && settings.LockoutUrl is { } lockout)
            {
                var redis = await stores.RedisAsync("lockout-url", lockout, cancellationToken);
                stores.Lockout = redis.Lockout;
                stores._described.Add($"lockout counts in {redis.Url}");
            }

            if (settings.Cache && settings.CacheUrl is { } cache)
            {
                var redis = await stores.RedisAsync("cache-url", cache, cancellationToken);
                stores.Pages = redis.Pages;
                stores._described.Add($"page cache in {redis.Url}");
            }

            return stores;
        }
        catch
        {
            await stores.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _sql.Values)
        {
            await storage.DisposeAsync();
        }

        foreach (var storage in _redis.Values)
        {
            await storage.DisposeAsync();
        }
    }

    private Task<SqlStorage> SqlAsync(string option, string url, CancellationToken cancellationToken) =>
        OpenOnceAsync(_sql, option, url, () => SqlStorage.OpenAsync(url, null, cancellationToken));

    private Task<RedisStorage> RedisAsync(string option, string url, CancellationToken cancellationToken) =>
        OpenOnceAsync(_redis, option, url, () => RedisStorage.ConnectAsync(url, null, cancellationToken));

    /// <summary>The store already opened for <paramref name="url"/>, or a new one; a failure to open it is a start-up
    /// failure naming <paramref name="option"/>.</summary>
    private static async Task<T> OpenOnceAsync<T>(Dictionary<string, T> opened, string option, string url, Func<Task<T>> open)
    {
        if (opened.TryGetValue(url, out var storage))
        {
            return storage;
        }

        try
        {
            return opened[url] = await open();
        }
        catch (MixConfigurationException e)
        {
            throw new IOException($"--{option}: {string.Join("; ", e.Problems)}", e);
        }
    }
}
