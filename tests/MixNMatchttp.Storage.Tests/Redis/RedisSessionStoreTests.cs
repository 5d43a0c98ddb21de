using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisSessionStoreTests(RedisServer server) : SessionStoreContract, IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RedisConnections _redis = new(server);

    protected override bool PruneCounts => false;

    protected override async Task<ISessionStore> CreateStoreAsync() => (await _redis.ConnectAsync()).Sessions;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task SessionKeys_ExpireWhenTheSessionDoes_AndTheSetsLastAsLongAsTheLongestSession()
    {
        var prefix = RedisConnections.NewPrefix();
        var store = (await _redis.ConnectAsync(prefix)).Sessions;
        var database = await _redis.InspectAsync();
        var (shortLived, longLived) = (new SessionRecord(StoreTime.TokenHash(), "ann", StoreTime.Now.AddMinutes(5), "fam"), new SessionRecord(StoreTime.TokenHash(), "ann", StoreTime.Now.AddHours(2)));
        await store.CreateAsync(longLived, None);
        await store.CreateAsync(shortLived, None);

        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "session:" + shortLived.TokenHash))!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "session:" + longLived.TokenHash))!.Value, TimeSpan.FromHours(1.99), TimeSpan.FromHours(2));
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "session-user:ann"))!.Value, TimeSpan.FromHours(1.99), TimeSpan.FromHours(2));
        Assert.InRange((await database.KeyTimeToLiveAsync(prefix + "session-family:fam"))!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
        string[] expected = [prefix + "session-family:fam", prefix + "session-user:ann", prefix + "session:" + longLived.TokenHash, prefix + "session:" + shortLived.TokenHash];
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await RedisPageStoreTests.KeysAsync(database, prefix)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Prune_DropsTheHashesOfExpiredSessionsFromTheSets_AndKeepsLiveOnes()
    {
        var prefix = RedisConnections.NewPrefix();
        var store = (await _redis.ConnectAsync(prefix)).Sessions;
        var database = await _redis.InspectAsync();
        var live = new SessionRecord(StoreTime.TokenHash(), "bea", StoreTime.Now.AddHours(1), "kept");
        var dead = new SessionRecord(StoreTime.TokenHash(), "bea", StoreTime.Now.AddMilliseconds(200), "gone");
        await store.CreateAsync(live, None);
        await store.CreateAsync(dead, None);
        await Task.Delay(400);

        Assert.Equal(2, await database.SetLengthAsync(prefix + "session-user:bea"));
        Assert.Equal(0, await store.PruneAsync(StoreTime.Now, None));
        Assert.Equal([(RedisValue)live.TokenHash], await database.SetMembersAsync(prefix + "session-user:bea"));
        Assert.Equal([(RedisValue)live.TokenHash], await database.SetMembersAsync(prefix + "session-family:kept"));
        Assert.False(await database.KeyExistsAsync(prefix + "session-family:gone"));
        Assert.Equal(live, await store.FindAsync(live.TokenHash, None));
    }

    [Fact]
    public async Task Prune_OfAPrefixWithGlobCharacters_LeavesTheSetsOfPrefixesItWouldMatch()
    {
        var id = Guid.NewGuid().ToString("N");
        var globbing = (await _redis.ConnectAsync($"t{id}*:")).Sessions;
        var other = (await _redis.ConnectAsync($"t{id}x:")).Sessions;
        var session = new SessionRecord(StoreTime.TokenHash(), "cy", StoreTime.Now.AddHours(1));
        await other.CreateAsync(session, None);

        await globbing.PruneAsync(StoreTime.Now, None);
        await other.RemoveAllAsync("cy", None);
        Assert.Null(await other.FindAsync(session.TokenHash, None));
    }

    [Fact]
    public async Task TwoInstances_ShareSessions_AndEndThemForEachOther()
    {
        var prefix = RedisConnections.NewPrefix();
        var a = (await _redis.ConnectAsync(prefix)).Sessions;
        var b = (await _redis.ConnectAsync(prefix)).Sessions;
        var cookie = new SessionRecord(StoreTime.TokenHash(), "dee", StoreTime.Now.AddHours(1));
        var refresh = new SessionRecord(StoreTime.TokenHash(), "dee", StoreTime.Now.AddHours(1), "f1");
        await a.CreateAsync(cookie, None);
        await a.CreateAsync(refresh, None);
        Assert.Equal(cookie, await b.FindAsync(cookie.TokenHash, None));

        Assert.Equal(1, await b.RemoveFamilyAsync("f1", None));
        Assert.Null(await a.FindAsync(refresh.TokenHash, None));
        await b.RemoveAllAsync("dee", None);
        Assert.Null(await a.FindAsync(cookie.TokenHash, None));

        var rotated = new SessionRecord(StoreTime.TokenHash(), "dee", StoreTime.Now.AddHours(1), "f2");
        await a.CreateAsync(rotated, None);
        var removed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await (i % 2 == 0 ? a : b).RemoveAsync(rotated.TokenHash, None))));
        Assert.Single(removed, r => r);
    }

    [Fact]
    public async Task RemovingASession_AlsoDropsItFromItsSets()
    {
        var prefix = RedisConnections.NewPrefix();
        var store = (await _redis.ConnectAsync(prefix)).Sessions;
        var database = await _redis.InspectAsync();
        var session = new SessionRecord(StoreTime.TokenHash(), "eve", StoreTime.Now.AddHours(1), "f");
        var other = new SessionRecord(StoreTime.TokenHash(), "eve", StoreTime.Now.AddHours(1), "f");
        await store.CreateAsync(session, None);
        await store.CreateAsync(other, None);
        Assert.True(await store.RemoveAsync(session.TokenHash, None));
        Assert.Equal([(RedisValue)other.TokenHash], await database.SetMembersAsync(prefix + "session-user:eve"));
        Assert.Equal([(RedisValue)other.TokenHash], await database.SetMembersAsync(prefix + "session-family:f"));
        await store.RemoveAllAsync("eve", None);
        Assert.Empty(await RedisPageStoreTests.KeysAsync(database, prefix));
    }
}
