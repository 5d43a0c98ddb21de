using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

public sealed class MemoryPageStoreTests
{
    private static Page PageOf(int size, string type = "text/plain") => new(new byte[size], type);

    [Fact]
    public async Task AddedPage_IsReturned_AndCounted()
    {
        var store = new MemoryPageStore(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", new Page("hello"u8.ToArray(), "text/html")));
        var page = await store.GetAsync("a");
        Assert.NotNull(page);
        Assert.Equal("hello"u8.ToArray(), page.Body.ToArray());
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal(new PageStoreUsage(1, 5, 100), await store.GetUsageAsync());
        Assert.Equal(5, store.Bytes);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Name_IsTakenForever_EvenAfterRemoveAndClear()
    {
        var store = new MemoryPageStore(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(1)));
        Assert.Equal(PageAddResult.NameTaken, await store.TryAddAsync("a", PageOf(1)));
        Assert.True(await store.RemoveAsync("a"));
        Assert.Equal(PageAddResult.NameTaken, await store.TryAddAsync("a", PageOf(1)));
        await store.ClearAsync();
        Assert.Equal(PageAddResult.NameTaken, await store.TryAddAsync("a", PageOf(1)));
        Assert.Null(await store.GetAsync("a"));
    }

    [Fact]
    public async Task Names_AreCaseSensitive()
    {
        var store = new MemoryPageStore(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(1)));
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("A", PageOf(2)));
        Assert.Equal(2, (await store.GetAsync("A"))!.Body.Length);
    }

    [Fact]
    public async Task PageOverTheCap_IsRefused_AndChangesNothing_WhileAnExactFitIsAccepted()
    {
        var store = new MemoryPageStore(10);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(6)));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("b", PageOf(5)));
        Assert.Null(await store.GetAsync("b"));
        Assert.Equal(6, store.Bytes);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("b", PageOf(4)));
        Assert.Equal(10, store.Bytes);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("empty", PageOf(0)));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(1)));
    }

    [Fact]
    public async Task RemoveAndClear_FreeTheBytes_SoAFullStoreAcceptsNewPages()
    {
        var store = new MemoryPageStore(10);
        await store.TryAddAsync("a", PageOf(6));
        await store.TryAddAsync("b", PageOf(4));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(6)));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("never"));
        Assert.Equal(4, store.Bytes);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("c", PageOf(6)));
        await store.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, 10), await store.GetUsageAsync());
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("d", PageOf(10)));
    }

    [Fact]
    public async Task Store_KeepsItsOwnCopy_OfTheCallersBuffer()
    {
        var store = new MemoryPageStore(100);
        var buffer = "abc"u8.ToArray();
        await store.TryAddAsync("a", new Page(buffer, "text/plain"));
        buffer[0] = (byte)'X';
        Assert.Equal("abc"u8.ToArray(), (await store.GetAsync("a"))!.Body.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_NonPositiveCap_Throws(long maxBytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryPageStore(maxBytes));

    [Fact]
    public void DefaultCap_Is2MiB() => Assert.Equal(2 * 1024 * 1024, new MemoryPageStore().MaxBytes);

    [Fact]
    public async Task CancelledToken_ThrowsBeforeAnyChange()
    {
        var store = new MemoryPageStore(100);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryAddAsync("a", PageOf(1), cancel.Token).AsTask());
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(1)));
    }
}
