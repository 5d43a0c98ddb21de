using MixNMatchttp.Caching;
using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisPageStoreTests(RedisServer server) : PageStoreContract, IAsyncDisposable
{
    private readonly RedisConnections _redis = new(server);

    protected override async Task<IPageStore> CreateStoreAsync(long maxBytes) => (await _redis.ConnectAsync(pageMaxBytes: maxBytes)).Pages;

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task TwoInstances_WritingAtOnce_HoldTheCapExactly_AndAddEachNameAtMostOnce()
    {
        const long Cap = 48 * 1024;
        var prefix = RedisConnections.NewPrefix();
        var a = (await _redis.ConnectAsync(prefix, Cap)).Pages;
        var b = (await _redis.ConnectAsync(prefix, Cap)).Pages;
        var held = await PageStoreLoad.RunAsync([a, b], Cap, operations: 3000, workers: 16);

        foreach (var store in new[] { a, b })
        {
            var usage = await store.GetUsageAsync();
            Assert.Equal(held.Sum(page => page.Size), usage.Bytes);
            Assert.Equal(held.Count, usage.Pages);
        }
    }

    [Fact]
    public async Task APageSavedOnOneInstance_IsServedAndClearedOnAnother_AndItsNameStaysTakenEverywhere()
    {
        var prefix = RedisConnections.NewPrefix();
        var a = (await _redis.ConnectAsync(prefix, 100)).Pages;
        var b = (await _redis.ConnectAsync(prefix, 100)).Pages;
        Assert.Equal(PageAddResult.Added, await a.TryAddAsync("shared", new Page("<p>hi</p>"u8.ToArray(), "text/html")));
        Assert.Equal("<p>hi</p>"u8.ToArray(), (await b.GetAsync("shared"))!.Body.ToArray());
        Assert.Equal(PageAddResult.NameTaken, await b.TryAddAsync("shared", new Page(new byte[1], "t")));

        // The cap counts what both instances hold: "shared" holds 6 + 9 + 9 bytes, "big" 3 + 1 + its body.
        Assert.Equal(PageAddResult.CapacityExceeded, await b.TryAddAsync("big", new Page(new byte[73], "t")));
        Assert.Equal(PageAddResult.Added, await b.TryAddAsync("big", new Page(new byte[72], "t")));
        Assert.Equal(new PageStoreUsage(2, 100, 100), await a.GetUsageAsync());

        Assert.True(await b.RemoveAsync("shared"));
        Assert.Null(await a.GetAsync("shared"));
        Assert.False(await a.RemoveAsync("shared"));
        await a.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, 100), await b.GetUsageAsync());
        Assert.Equal(PageAddResult.NameTaken, await b.TryAddAsync("big", new Page(new byte[1], "t")));
    }

    [Fact]
    public async Task PagesNamedLikeKeys_OrWithGlobCharacters_TouchNoOtherKey_AndOtherPrefixesAreUntouched()
    {
        var prefix = RedisConnections.NewPrefix();
        var neighbour = (await _redis.ConnectAsync(prefix + "page-names")).Pages;
        await neighbour.TryAddAsync("kept", new Page(new byte[3], "t"));
        var store = (await _redis.ConnectAsync(prefix, 100_000)).Pages;
        string[] names = [prefix, prefix + "page-names", "page-sizes", "*", prefix + "*", "page-*", "?", "[p]*", "\\*", "\0", new string('é', 3000)];
        foreach (var name in names)
        {
            Assert.Equal(PageAddResult.Added, await store.TryAddAsync(name, new Page(new byte[1], "t")));
        }

        Assert.True(await store.RemoveAsync("*"));
        await store.ClearAsync();

        // The store's keys are its five fixed keys (the ones left after a clear: the names ever saved), whatever the names.
        var database = await _redis.InspectAsync();
        var keys = await KeysAsync(database, prefix);
        Assert.Equal([prefix + "page-names", prefix + "page-namespage-bodies", prefix + "page-namespage-bytes", prefix + "page-namespage-names", prefix + "page-namespage-sizes", prefix + "page-namespage-types"], keys);
        Assert.Equal(names.Length, await database.SetLengthAsync(prefix + "page-names"));
        Assert.NotNull(await neighbour.GetAsync("kept"));
        Assert.Equal(new PageStoreUsage(1, 8, neighbour.MaxBytes), await neighbour.GetUsageAsync());
    }

    [Fact]
    public async Task TheDefaultCap_Is2MiB_AndAPageJustOverItIsRefused()
    {
        var store = (await _redis.ConnectAsync()).Pages;
        Assert.Equal(2 * 1024 * 1024, store.MaxBytes);
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("a", new Page(new byte[(2 * 1024 * 1024) - 1], "t")));
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", new Page(new byte[(2 * 1024 * 1024) - 2], "t")));
        Assert.Equal(new PageStoreUsage(1, 2 * 1024 * 1024, 2 * 1024 * 1024), await store.GetUsageAsync());
    }

    /// <summary>Every key under <paramref name="prefix"/>, sorted (KEYS with the prefix's glob characters escaped is
    /// fine on a test server).</summary>
    internal static async Task<string[]> KeysAsync(IDatabase database, string prefix)
    {
        var keys = (RedisKey[])(await database.ExecuteAsync("KEYS", prefix.Replace("*", "\\*", StringComparison.Ordinal) + "*"))!;
        return keys.Select(key => (string)key!).Order(StringComparer.Ordinal).ToArray();
    }
}
