using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

public sealed class MemoryPageStoreTests
{
    /// <summary>A page that, saved under a one-letter name, counts <paramref name="size"/> + 2 bytes.</summary>
    private static Page PageOf(int size, string type = "t") => new(new byte[size], type);

    [Fact]
    public async Task AddedPage_IsReturned_AndCounted()
    {
        var store = new MemoryPageStore(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", new Page("hello"u8.ToArray(), "text/html")));
        var page = await store.GetAsync("a");
        Assert.NotNull(page);
        Assert.Equal("hello"u8.ToArray(), page.Body.ToArray());
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal(new PageStoreUsage(1, 15, 100), await store.GetUsageAsync());
        Assert.Equal(15, store.Bytes);
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
        var store = new MemoryPageStore(14);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(6)));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("b", PageOf(5)));
        Assert.Null(await store.GetAsync("b"));
        Assert.Equal(8, store.Bytes);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("b", PageOf(4)));
        Assert.Equal(14, store.Bytes);
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(0)));
    }

    [Fact]
    public async Task RemoveAndClear_FreeTheBytes_SoAFullStoreAcceptsNewPages()
    {
        var store = new MemoryPageStore(14);
        await store.TryAddAsync("a", PageOf(6));
        await store.TryAddAsync("b", PageOf(4));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(6)));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("never"));
        Assert.Equal(6, store.Bytes);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("c", PageOf(6)));
        await store.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, 14), await store.GetUsageAsync());
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("d", PageOf(12)));
    }

    [Fact]
    public async Task EmptyPages_CountTheirNamesAndTypes_SoTheyCannotFillMemoryOutsideTheCap()
    {
        var store = new MemoryPageStore(1000);
        var type = "application/x-" + new string('t', 200);
        var added = 0;
        while (added < 100 && await store.TryAddAsync($"empty-{added}", new Page(ReadOnlyMemory<byte>.Empty, type)) == PageAddResult.Added)
        {
            added++;
        }

        Assert.Equal(4, added);
        Assert.InRange(store.Bytes, 4 * 221, 1000);
    }

    [Theory]
    [InlineData("a", "t", 0, 2)]
    [InlineData("é", "text/plain", 3, 15)]
    [InlineData("日本", "text/html; charset=utf-8", 10, 40)]
    public void SizeOf_CountsTheUtf8BytesOfNameAndTypeAndTheBody(string name, string type, int body, long size) =>
        Assert.Equal(size, MemoryPageStore.SizeOf(name, new Page(new byte[body], type)));

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
