using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>A real PostgreSQL and a real Redis server for the command's storage tests (the storage tests' fixtures),
/// started once for the collection; each test takes a database of its own on both.</summary>
public sealed class StoreServers : IAsyncLifetime
{
    private int _databases;

    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; } = new();

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Redis.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A new, empty PostgreSQL database's URL.</summary>
    public async Task<string> NewPostgresDatabaseAsync()
    {
        var name = "cli" + Interlocked.Increment(ref _databases);
        await Postgres.CreateDatabaseAsync(name);
        return Postgres.Url(name);
    }

    /// <summary>The URL of a Redis database (0 to 15) no other test of the collection uses.</summary>
    public string NewRedisDatabaseUrl()
    {
        var database = Interlocked.Increment(ref _databases);
        Assert.True(database < 16, "Redis has 16 databases: the storage tests use one each");
        return $"redis://127.0.0.1:{Redis.Port}/{database}";
    }
}

[CollectionDefinition(Name)]
public sealed class SharedStoreServers : ICollectionFixture<StoreServers>
{
    public const string Name = "Store servers";
}
