using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisLockoutStoreTests(RedisServer server) : LockoutStoreContract, IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<ILockoutStore> CreateStoreAsync() => (await _redis.ConnectAsync()).Lockout;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task Counts_ExpireAWindowAfterTheLastFailure()
    {
        var prefix = RedisConnections.NewPrefix();
        var store = (await _redis.ConnectAsync(prefix)).Lockout;
        var database = await _redis.InspectAsync();
        Assert.Null(await store.TryReserveAsync("fay", "10.9.9.9", 5, TimeSpan.FromMinutes(5), StoreTime.Now, None));
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "lockout-account:fay"))!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "lockout-address:10.9.9.9"))!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));

        Assert.Null(await store.TryReserveAsync("fay", "10.9.9.9", 5, TimeSpan.FromMilliseconds(200), StoreTime.Now, None));
        await Task.Delay(400);
        Assert.Empty(await RedisPageStoreTests.KeysAsync(database, prefix));
    }

    [Fact]
    public async Task FailuresSpreadOverTwoInstances_LockTheAccountAfterTheTotal()
    {
        var prefix = RedisConnections.NewPrefix();
        var a = (await _redis.ConnectAsync(prefix)).Lockout;
        var b = (await _redis.ConnectAsync(prefix)).Lockout;
        var now = StoreTime.Now;
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).TryReserveAsync("gus", StoreTime.Unique("addr"), 5, TimeSpan.FromMinutes(5), now, None))));
        Assert.Equal(5, results.Count(wait => wait is null));

        await a.GiveBackAsync("gus", "any", clearAccount: true, None);
        Assert.Null(await b.TryReserveAsync("gus", StoreTime.Unique("addr"), 5, TimeSpan.FromMinutes(5), now, None));
    }
}
