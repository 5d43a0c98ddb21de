using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Cli.Settings;

/// <summary>
/// Checks the store URLs (<c>--users-dburl</c>, <c>--sessions-dburl</c>, <c>--cache-url</c>, <c>--lockout-url</c>):
/// each names a store that can hold what it is for, and is used (a URL given for a store that is off is a mistake;
/// one only in the environment is left unused).
/// </summary>
internal static class StoreUrls
{
    public static void Check(ServeSettings settings, SettingReader reader)
    {
        Check(reader, "users-dburl", settings.UsersDbUrl, sql: true, redis: false, settings.Auth != AuthMode.None, "needs authentication (--auth, --userfile, --secrets, …)");
        Check(reader, "sessions-dburl", settings.SessionsDbUrl, sql: true, redis: true, settings.Auth != AuthMode.None, "needs authentication (--auth, --userfile, --secrets, …)");
        Check(reader, "lockout-url", settings.LockoutUrl, sql: false, redis: true, settings.Auth != AuthMode.None, "needs authentication (--auth, --userfile, --secrets, …)");
        Check(reader, "cache-url", settings.CacheUrl, sql: false, redis: true, settings.Cache, "needs --cache");
    }

    /// <summary>Whether <paramref name="url"/> names a Redis server.</summary>
    public static bool IsRedis(string url) =>
        url.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);

    private static void Check(SettingReader reader, string setting, string? url, bool sql, bool redis, bool used, string unused)
    {
        if (url is null)
        {
            return;
        }

        if (!used)
        {
            if (reader.IsSet(setting))
            {
                reader.Problem(setting, unused);
            }

            return;
        }

        if (Problem(url, sql, redis) is { } problem)
        {
            reader.Problem(setting, problem);
        }
    }

    /// <summary>Why <paramref name="url"/> cannot name a store of the kinds allowed (SQL, Redis), or null when it can:
    /// the wrong kind, or a URL its store's parser refuses (one line, without the password).</summary>
    public static string? Problem(string url, bool sql, bool redis)
    {
        if (IsRedis(url) ? !redis : !sql)
        {
            return redis ? "needs a Redis URL (redis://HOST:PORT[/DB])" : "needs an SQL database URL (sqlite:///FILE, postgresql://USER:PASSWORD@HOST:PORT/DB), not Redis";
        }

        try
        {
            _ = IsRedis(url) ? (object)RedisUrl.Parse(url) : DatabaseUrl.Parse(url);
            return null;
        }
        catch (MixConfigurationException e)
        {
            return SettingReader.Printable(string.Join("; ", e.Problems));
        }
    }
}
