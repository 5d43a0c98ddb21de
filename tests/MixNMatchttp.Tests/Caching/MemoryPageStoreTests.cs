using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

/// <summary>What only the memory store has; what every page store does is tests/MixNMatchttp.Storage.Tests'
/// PageStoreContract, run against this store too.</summary>
public sealed class MemoryPageStoreTests
{
    [Fact]
    public async Task BytesAndCount_ReadTheAccountingDirectly()
    {
        var store = new MemoryPageStore(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", new Page("hello"u8.ToArray(), "text/html")));
        Assert.Equal(15, store.Bytes);
        Assert.Equal(1, store.Count);
        await store.ClearAsync();
        Assert.Equal(0, store.Bytes);
        Assert.Equal(0, store.Count);
    }

    [Theory]
    [InlineData("a", "t", 0, 2)]
    [InlineData("é", "text/plain", 3, 15)]
    [InlineData("日本", "text/html; charset=utf-8", 10, 40)]
    public void SizeOf_CountsTheUtf8BytesOfNameAndTypeAndTheBody(string name, string type, int body, long size) =>
        Assert.Equal(size, MemoryPageStore.SizeOf(name, new Page(new byte[body], type)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NonPositiveCap_Throws(long maxBytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryPageStore(maxBytes));

    [Fact]
    public void DefaultCap_Is2MiB() => Assert.Equal(2 * 1024 * 1024, new MemoryPageStore().MaxBytes);
}
