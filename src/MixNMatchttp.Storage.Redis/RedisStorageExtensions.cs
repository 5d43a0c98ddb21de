using MixNMatchttp.Auth;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Storage.Redis;

/// <summary>Wires a <see cref="RedisStorage"/>'s stores into the modules' options.</summary>
public static class RedisStorageExtensions
{
    /// <summary>Keeps sessions, failed-login counts and revoked access tokens in <paramref name="storage"/>, shared with
    /// every instance that uses it (users stay where <see cref="AuthOptions.UserStore"/> says).</summary>
    public static AuthOptions UseRedis(this AuthOptions options, RedisStorage storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        options.SessionStore = storage.Sessions;
        options.LockoutStore = storage.Lockout;
        options.RevokedTokenStore = storage.RevokedTokens;
        return options;
    }

    /// <summary>Keeps the page cache's pages in <paramref name="storage"/>, shared with every instance that uses it, under
    /// its cap (<see cref="RedisStorageOptions.PageMaxBytes"/>; <see cref="PageCacheOptions.MaxBytes"/> does not apply).</summary>
    public static PageCacheOptions UseRedis(this PageCacheOptions options, RedisStorage storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        options.Store = storage.Pages;
        return options;
    }
}
