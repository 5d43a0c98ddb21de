using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisSessionStoreTests(RedisServer server) : SessionStoreContract, IAsyncDisposable
{
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<ISessionStore> CreateStoreAsync() => (await _redis.ConnectAsync()).Sessions;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}

[Collection(SharedRedisServer.Name)]
public sealed class RedisLockoutStoreTests(RedisServer server) : LockoutStoreContract, IAsyncDisposable
{
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<ILockoutStore> CreateStoreAsync() => (await _redis.ConnectAsync()).Lockout;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}

[Collection(SharedRedisServer.Name)]
public sealed class RedisRevokedTokenStoreTests(RedisServer server) : RevokedTokenStoreContract, IAsyncDisposable
{
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<IRevokedTokenStore> CreateStoreAsync() => (await _redis.ConnectAsync()).RevokedTokens;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
