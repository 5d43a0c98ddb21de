using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Tests.Servers;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Tests.Redis;

/// <summary>The connections one test opens to the shared server, each under a key prefix no other test uses unless
/// given one; all closed when the test ends.</summary>
public sealed class RedisConnections(RedisServer server) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _open = [];

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";

    public async Task<RedisStorage> ConnectAsync(string? prefix = null, long pageMaxBytes = 2 * 1024 * 1024)
    {
        var storage = await RedisStorage.ConnectAsync(server.Url, new RedisStorageOptions { KeyPrefix = prefix ?? NewPrefix(), PageMaxBytes = pageMaxBytes });
        _open.Add(storage);
        return storage;
    }

    /// <summary>A plain client, to look at the keys the stores wrote.</summary>
    public async Task<IDatabase> InspectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true");
        _open.Add(connection);
        return connection.GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _open)
        {
            await connection.DisposeAsync();
        }
    }
}
