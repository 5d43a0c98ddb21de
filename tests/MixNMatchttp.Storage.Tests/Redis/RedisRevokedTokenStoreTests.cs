using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisRevokedTokenStoreTests(RedisServer server) : RevokedTokenStoreContract, IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<IRevokedTokenStore> CreateStoreAsync() => (await _redis.ConnectAsync()).RevokedTokens;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task AnEntry_LastsUntilTheTokenExpires_AndAnExpiredTokenWritesNothing()
    {
        var prefix = RedisConnections.NewPrefix();
        var store = (await _redis.ConnectAsync(prefix)).RevokedTokens;
        var database = await _redis.InspectAsync();
        await store.RevokeAsync("jti-1", StoreTime.Now.AddMinutes(15), None);
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "revoked:jti-1"))!.Value, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15));

        await store.RevokeAsync("jti-2", StoreTime.Now.AddSeconds(-1), None);
        Assert.Equal([prefix + "revoked:jti-1"], await RedisPageStoreTests.KeysAsync(database, prefix));
    }

    [Fact]
    public async Task ATokenRevokedOnOneInstance_IsRevokedOnAnother()
    {
        var prefix = RedisConnections.NewPrefix();
        var a = (await _redis.ConnectAsync(prefix)).RevokedTokens;
        var b = (await _redis.ConnectAsync(prefix)).RevokedTokens;
        var id = StoreTime.Unique("jti");
        Assert.False(await b.IsRevokedAsync(id, None));
        await a.RevokeAsync(id, StoreTime.Now.AddMinutes(15), None);
        Assert.True(await b.IsRevokedAsync(id, None));
    }
}
