using System.Globalization;
using MixNMatchttp.Storage.Tests.Servers;
using StackExchange.Redis;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>A real PostgreSQL and a real Redis server for the command's storage tests (the storage tests' fixtures),
/// started once for the collection; each test takes a database of its own on both.</summary>
public sealed class StoreServers : IAsyncLifetime
{
    private const int RedisDatabases = 16;

    private int _postgresDatabases;
    private int _redisDatabases;
    private ConnectionMultiplexer? _redis;

    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; } = new();

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Redis.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A new, empty PostgreSQL database's URL.</summary>
    public async Task<string> NewPostgresDatabaseAsync()
    {
        var name = "cli" + Interlocked.Increment(ref _postgresDatabases);
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.Url(name);
    }

    /// <summary>The URL of a Redis database (0 to 15) emptied for the caller. The databases are taken in turn, and
    /// again from the 17th test on: the tests of the collection run one at a time, so a database taken again is one
    /// whose test has ended.</summary>
    public async Task<string> NewRedisDatabaseUrlAsync()
    {
        var database = Interlocked.Increment(ref _redisDatabases) % RedisDatabases;
        await RedisServer().FlushDatabaseAsync(database);
        return $"redis://127.0.0.1:{Redis.Port}/{database}";
    }

    /// <summary>The keys of the Redis database of <paramref name="url"/> (one of <see cref="NewRedisDatabaseUrlAsync"/>).</summary>
    public async Task<List<string>> RedisKeysAsync(string url)
    {
        var database = int.Parse(url[(url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var keys = new List<string>();
        await foreach (var key in RedisServer().KeysAsync(database))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    private IServer RedisServer()
    {
        _redis ??= ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { { "127.0.0.1", Redis.Port } }, AllowAdmin = true });
        return _redis.GetServer("127.0.0.1", Redis.Port);
    }
}

[CollectionDefinition(Name)]
public sealed class SharedStoreServers : ICollectionFixture<StoreServers>
{
    public const string Name = "Store servers";
}
