using System.Globalization;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// A connection to one Redis server and the stores on it: <see cref="Sessions"/>, <see cref="RevokedTokens"/>,
/// <see cref="Lockout"/> and <see cref="Pages"/>. Every instance that connects with the same URL and key prefix
/// shares their state. The stores work while the connection is open: dispose it after the server stops. A lost
/// connection is re-established in the background; meanwhile store calls fail.
/// <code>
/// await using var redis = await RedisStorage.ConnectAsync("redis://127.0.0.1:6379/0");
/// authOptions.UseRedis(redis);
/// pageCacheOptions.UseRedis(redis);
/// </code>
/// </summary>
public sealed class RedisStorage : IAsyncDisposable, IDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RedisStorage(ConnectionMultiplexer connection, RedisUrl url, RedisStorageOptions options)
    {
        _connection = connection;
        Url = url;
        var database = connection.GetDatabase();
        var keys = new RedisKeys(options.KeyPrefix);
        KeyPrefix = options.KeyPrefix;
        Sessions = new RedisSessionStore(database, keys);
        RevokedTokens = new RedisRevokedTokenStore(database, keys);
        Lockout = new RedisLockoutStore(database, keys);
        Pages = new RedisPageStore(database, keys, options.PageMaxBytes);
    }

    /// <summary>Where the server is; its <see cref="RedisUrl.ToString"/> shows no password, so it may be logged.</summary>
    public RedisUrl Url { get; }

    /// <summary>The text before every key (<see cref="RedisStorageOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; }

    /// <summary>Sessions (cookie sessions and JWT refresh tokens), expired by Redis.</summary>
    public RedisSessionStore Sessions { get; }

    /// <summary>Revoked JWT access tokens, expired by Redis.</summary>
    public RedisRevokedTokenStore RevokedTokens { get; }

    /// <summary>Failed-login counts per account and per client address.</summary>
    public RedisLockoutStore Lockout { get; }

    /// <summary>The page cache's pages, capped at <see cref="RedisStorageOptions.PageMaxBytes"/>.</summary>
    public RedisPageStore Pages { get; }

    /// <summary>Connects to the Redis server at <paramref name="url"/> (<see cref="RedisUrl"/> lists the forms).
    /// A malformed URL, bad options, or a server that does not answer within
    /// <see cref="RedisStorageOptions.ConnectTimeout"/> or refuses the credentials throw a
    /// <see cref="MixConfigurationException"/> with a one-line message that never shows the password.</summary>
    public static async Task<RedisStorage> ConnectAsync(string url, RedisStorageOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RedisStorageOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new MixConfigurationException(problems);
        }

        var redisUrl = RedisUrl.Parse(url);
        var configuration = redisUrl.ToConfiguration();
        var timeout = (int)Math.Ceiling(options.ConnectTimeout.TotalMilliseconds);
        configuration.ConnectTimeout = timeout;
        configuration.ConnectRetry = 1;
        configuration.AbortOnConnectFail = true;
        configuration.ClientName ??= "mixnmatchttp";

        var connecting = ConnectionMultiplexer.ConnectAsync(configuration);
        try
        {
            // The client's own timeout bounds the connection; this one also bounds name resolution and the handshake.
            var connection = await connecting.WaitAsync(options.ConnectTimeout * 2, cancellationToken);
            return new RedisStorage(connection, redisUrl, options);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            _ = connecting.ContinueWith(task => task.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new MixConfigurationException($"cannot connect to Redis at {redisUrl}: {Reason(e, options.ConnectTimeout)}");
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();

    private static string Reason(Exception e, TimeSpan timeout) => e switch
    {
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } =>
            "the server refused the credentials (a missing or wrong user name or password)",
        RedisConnectionException or TimeoutException =>
            string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s (is the server running, reachable, and speaking TLS if the URL says rediss://?)"),
        _ => "the server's answer was not understood",
    };
}
