using System.Collections.Concurrent;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>What every <see cref="IPageStore"/> does. A backend's test class derives from this and makes an empty store.</summary>
public abstract class PageStoreContract
{
    private const int Workers = 16;

    /// <summary>An empty store of its own (no other store's pages or names) that holds at most <paramref name="maxBytes"/>.</summary>
    protected abstract Task<IPageStore> CreateStoreAsync(long maxBytes);

    /// <summary>A page that, saved under a one-letter name, counts <paramref name="size"/> + 2 bytes.</summary>
    private static Page PageOf(int size, string type = "t") => new(new byte[size], type);

    private static async Task<long> BytesAsync(IPageStore store) => (await store.GetUsageAsync()).Bytes;

    [Fact]
    public async Task AddedPage_IsReturned_AndCounted()
    {
        var store = await CreateStoreAsync(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", new Page("hello"u8.ToArray(), "text/html")));
        var page = await store.GetAsync("a");
        Assert.NotNull(page);
        Assert.Equal("hello"u8.ToArray(), page.Body.ToArray());
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal(new PageStoreUsage(1, 15, 100), await store.GetUsageAsync());
    }

    [Fact]
    public async Task Name_IsTakenForever_EvenAfterRemoveAndClear()
    {
        var store = await CreateStoreAsync(100);
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
        var store = await CreateStoreAsync(100);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(1)));
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("A", PageOf(2)));
        Assert.Equal(2, (await store.GetAsync("A"))!.Body.Length);
    }

    [Fact]
    public async Task PageOverTheCap_IsRefused_AndChangesNothing_WhileAnExactFitIsAccepted()
    {
        var store = await CreateStoreAsync(14);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(6)));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("b", PageOf(5)));
        Assert.Null(await store.GetAsync("b"));
        Assert.Equal(8, await BytesAsync(store));
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("b", PageOf(4)));
        Assert.Equal(14, await BytesAsync(store));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(0)));
    }

    [Fact]
    public async Task RemoveAndClear_FreeTheBytes_SoAFullStoreAcceptsNewPages()
    {
        var store = await CreateStoreAsync(14);
        await store.TryAddAsync("a", PageOf(6));
        await store.TryAddAsync("b", PageOf(4));
        Assert.Equal(PageAddResult.CapacityExceeded, await store.TryAddAsync("c", PageOf(6)));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("never"));
        Assert.Equal(6, await BytesAsync(store));
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("c", PageOf(6)));
        await store.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, 14), await store.GetUsageAsync());
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("d", PageOf(12)));
    }

    [Fact]
    public async Task EmptyPages_CountTheirNamesAndTypes_SoTheyCannotFillMemoryOutsideTheCap()
    {
        var store = await CreateStoreAsync(1000);
        var type = "application/x-" + new string('t', 200);
        var added = 0;
        while (added < 100 && await store.TryAddAsync($"empty-{added}", new Page(ReadOnlyMemory<byte>.Empty, type)) == PageAddResult.Added)
        {
            added++;
        }

        Assert.Equal(4, added);
        Assert.InRange(await BytesAsync(store), 4 * 221, 1000);
        Assert.Empty((await store.GetAsync("empty-0"))!.Body.ToArray());
    }

    [Theory]
    [InlineData("é", "text/plain", 3, 15)]
    [InlineData("日本", "text/html; charset=utf-8", 10, 40)]
    public async Task Size_IsTheUtf8BytesOfNameAndType_PlusTheBody(string name, string type, int body, long size)
    {
        var store = await CreateStoreAsync(1000);
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync(name, new Page(new byte[body], type)));
        Assert.Equal(new PageStoreUsage(1, size, 1000), await store.GetUsageAsync());
    }

    [Fact]
    public async Task Store_KeepsItsOwnCopy_OfTheCallersBuffer()
    {
        var store = await CreateStoreAsync(100);
        var buffer = "abc"u8.ToArray();
        await store.TryAddAsync("a", new Page(buffer, "text/plain"));
        buffer[0] = (byte)'X';
        Assert.Equal("abc"u8.ToArray(), (await store.GetAsync("a"))!.Body.ToArray());
    }

    [Fact]
    public async Task EveryByteValue_RoundTrips()
    {
        var store = await CreateStoreAsync(1000);
        var body = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await store.TryAddAsync("binary", new Page(body, "application/octet-stream"));
        var page = await store.GetAsync("binary");
        Assert.Equal(body, page!.Body.ToArray());
        Assert.Equal("application/octet-stream", page.ContentType);
    }

    [Fact]
    public async Task HostileNames_AreSavedApart_AndMatchOnlyThemselves()
    {
        string[] names =
        [
            "", " ", "\0", "a\0b", "\u0001\u001b[31m\r\n", "ünïcødé-名前", "emoji-😀", new string('x', 5000), ":", "a:b", "::",
            "page-names", "page-bytes", "mixnmatchttp:page-names", "*", "?", "[a]", "a*", "*a", "\\", "%", "'\"; --",
        ];
        var store = await CreateStoreAsync(100_000);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(PageAddResult.Added, await store.TryAddAsync(names[i], new Page(BitConverter.GetBytes(i), "text/plain")));
        }

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32((await store.GetAsync(names[i]))!.Body.Span));
            Assert.Equal(PageAddResult.NameTaken, await store.TryAddAsync(names[i], PageOf(1)));
        }

        Assert.Null(await store.GetAsync("a"));
        Assert.Null(await store.GetAsync("x"));
        Assert.True(await store.RemoveAsync("*"));
        Assert.False(await store.RemoveAsync("*"));
        Assert.NotNull(await store.GetAsync("a*"));
        Assert.NotNull(await store.GetAsync("?"));
        var usage = await store.GetUsageAsync();
        Assert.Equal(names.Length - 1, usage.Pages);
        Assert.Equal(names.Where(name => name != "*").Sum(name => MemoryPageStore.SizeOf(name, new Page(new byte[4], "text/plain"))), usage.Bytes);
    }

    [Fact]
    public async Task CancelledToken_ThrowsBeforeAnyChange()
    {
        var store = await CreateStoreAsync(100);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryAddAsync("a", PageOf(1), cancel.Token).AsTask());
        Assert.Equal(PageAddResult.Added, await store.TryAddAsync("a", PageOf(1)));
    }

    [Fact]
    public async Task ParallelAdds_OfOneName_SaveItExactlyOnce()
    {
        var store = await CreateStoreAsync(1000);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await store.TryAddAsync("same", new Page(new byte[10], "text/plain"));
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Single(results, r => r == PageAddResult.Added);
        Assert.Equal(63, results.Count(r => r == PageAddResult.NameTaken));
        Assert.Equal(MemoryPageStore.SizeOf("same", new Page(new byte[10], "text/plain")), await BytesAsync(store));
    }

    [Fact]
    public async Task ParallelAdds_RacingForTheLastBytes_FillTheCapExactly_AndNeverExceedIt()
    {
        const int Size = 101; // "page000" (7 bytes) + "text/plain" (10 bytes) + a body of 84 bytes
        var store = await CreateStoreAsync(1000);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var result = await store.TryAddAsync($"page{i:D3}", new Page(new byte[Size - 17], "text/plain"));
            Assert.InRange(await BytesAsync(store), 0, 1000);
            return result;
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(9, results.Count(r => r == PageAddResult.Added));
        Assert.Equal(191, results.Count(r => r == PageAddResult.CapacityExceeded));
        Assert.Equal(new PageStoreUsage(9, 9 * Size, 1000), await store.GetUsageAsync());
    }

    [Fact]
    public async Task ManyParallelSavesRemovesAndClears_NeverExceedTheCap_KeepTheAccountingExact_AndEndAtZero()
    {
        const long Cap = 64 * 1024;
        var store = await CreateStoreAsync(Cap);
        var held = await PageStoreLoad.RunAsync([store], Cap, operations: 2000, Workers);
        var usage = await store.GetUsageAsync();
        Assert.Equal(held.Sum(page => page.Size), usage.Bytes);
        Assert.Equal(held.Count, usage.Pages);

        await store.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, Cap), await store.GetUsageAsync());
    }
}

/// <summary>Saves, removes, clears and reads from many workers at once, spread over one or more stores that share their
/// pages, while a sampler checks that the bytes held never exceed the cap.</summary>
internal static class PageStoreLoad
{
    /// <summary>Runs <paramref name="operations"/> operations; asserts that no sample and no worker's reading went over
    /// <paramref name="cap"/> and that no name was added twice; returns the pages held at the end.</summary>
    public static async Task<List<(string Name, long Size)>> RunAsync(IPageStore[] stores, long cap, int operations, int workers)
    {
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var names = new ConcurrentBag<string>();
        var added = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var remaining = operations;
        var over = 0L;
        var samples = 0L;
        var done = false;

        var sampler = Task.Run(async () =>
        {
            while (!Volatile.Read(ref done) && !timeLimit.IsCancellationRequested)
            {
                if ((await stores[0].GetUsageAsync(timeLimit.Token)).Bytes > cap)
                {
                    Interlocked.Increment(ref over);
                }

                Interlocked.Increment(ref samples);
            }
        });

        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var store = stores[worker % stores.Length];
            var random = new Random(worker);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                timeLimit.Token.ThrowIfCancellationRequested();
                var name = $"w{random.Next(workers)}-{random.Next(400)}";
                var roll = random.Next(100);
                if (roll < 70)
                {
                    names.Add(name);
                    if (await store.TryAddAsync(name, new Page(new byte[random.Next(0, 8 * 1024)], "application/octet-stream"), timeLimit.Token) == PageAddResult.Added)
                    {
                        added.AddOrUpdate(name, 1, (_, count) => count + 1);
                    }
                }
                else if (roll < 85)
                {
                    await store.RemoveAsync(name, timeLimit.Token);
                }
                else if (roll < 90)
                {
                    await store.ClearAsync(timeLimit.Token);
                }
                else
                {
                    await store.GetAsync(name, timeLimit.Token);
                }

                Assert.InRange((await store.GetUsageAsync(timeLimit.Token)).Bytes, 0, cap);
            }
        }, timeLimit.Token)).ToArray();

        try
        {
            await Task.WhenAll(tasks);
        }
        finally
        {
            Volatile.Write(ref done, true);
            await sampler;
        }

        Assert.Equal(0, Interlocked.Read(ref over));
        Assert.True(Interlocked.Read(ref samples) > 0);
        Assert.All(added, entry => Assert.Equal(1, entry.Value));

        var held = new List<(string Name, long Size)>();
        foreach (var name in names.Distinct())
        {
            if (await stores[0].GetAsync(name) is { } page)
            {
                held.Add((name, MemoryPageStore.SizeOf(name, page)));
            }
        }

        return held;
    }
}
