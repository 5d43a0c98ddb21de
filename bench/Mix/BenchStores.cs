using MixNMatchttp.Auth;
using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Sql;

namespace Mix;

/// <summary>The databases of --users and --sessions, opened and wired into the auth options; disposed at exit.</summary>
internal sealed class BenchStores : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _opened = [];

    public static async Task<BenchStores> OpenAsync(AuthOptions options, string? usersUrl, string? sessionsUrl)
    {
        var stores = new BenchStores();
        if (usersUrl is not null)
        {
            var sql = await SqlStorage.OpenAsync(usersUrl).ConfigureAwait(false);
            stores._opened.Add(sql);
            options.UserStore = sql.Users;
        }

        if (sessionsUrl is not null && sessionsUrl.StartsWith("redis://", StringComparison.Ordinal))
        {
            var redis = await RedisStorage.ConnectAsync(sessionsUrl).ConfigureAwait(false);
            stores._opened.Add(redis);
            (options.SessionStore, options.RevokedTokenStore) = (redis.Sessions, redis.RevokedTokens);
        }
        else if (sessionsUrl is not null)
        {
            var sql = await SqlStorage.OpenAsync(sessionsUrl).ConfigureAwait(false);
            stores._opened.Add(sql);
            (options.SessionStore, options.RevokedTokenStore) = (sql.Sessions, sql.RevokedTokens);
        }

        return stores;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
