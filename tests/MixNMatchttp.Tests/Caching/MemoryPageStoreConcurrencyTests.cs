using System.Collections.Concurrent;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

public sealed class MemoryPageStoreConcurrencyTests
{
    private const int Workers = 16;

    [Fact]
    public async Task ParallelAdds_OfOneName_SaveItExactlyOnce()
    {
        var store = new MemoryPageStore(1000);
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
        Assert.Equal(MemoryPageStore.SizeOf("same", new Page(new byte[10], "text/plain")), store.Bytes);
    }

    [Fact]
    public async Task ParallelAdds_RacingForTheLastBytes_FillTheCapExactly_AndNeverExceedIt()
    {
        const int Size = 101; // "page000" (7 bytes) + "text/plain" (10 bytes) + a body of 84 bytes
        var store = new MemoryPageStore(1000);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var result = await store.TryAddAsync($"page{i:D3}", new Page(new byte[Size - 17], "text/plain"));
            Assert.InRange(store.Bytes, 0, store.MaxBytes);
            return result;
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(9, results.Count(r => r == PageAddResult.Added));
        Assert.Equal(191, results.Count(r => r == PageAddResult.CapacityExceeded));
        Assert.Equal(9 * Size, store.Bytes);
    }

    [Fact]
    public async Task ManyParallelSavesRemovesAndClears_NeverExceedTheCap_KeepTheAccountingExact_AndEndAtZero()
    {
        const int Operations = 2000;
        const long Cap = 64 * 1024;
        var store = new MemoryPageStore(Cap);
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var names = new ConcurrentBag<string>();
        var remaining = Operations;
        var over = 0L;
        var samples = 0L;
        var done = false;
        var samplerRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Samples the store's own accounting for as long as the workers run.
        var sampler = Task.Run(() =>
        {
            samplerRunning.SetResult();
            while (!Volatile.Read(ref done) && !timeLimit.IsCancellationRequested)
            {
                if (store.Bytes > Cap)
                {
                    Interlocked.Increment(ref over);
                }

                Interlocked.Increment(ref samples);
            }
        });

        await samplerRunning.Task.WaitAsync(timeLimit.Token);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                timeLimit.Token.ThrowIfCancellationRequested();
                var roll = random.Next(100);
                if (roll < 70)
                {
                    var name = $"w{worker}-{random.Next(400)}";
                    names.Add(name);
                    await store.TryAddAsync(name, new Page(new byte[random.Next(0, 8 * 1024)], "application/octet-stream"), timeLimit.Token);
                }
                else if (roll < 85)
                {
                    await store.RemoveAsync($"w{random.Next(Workers)}-{random.Next(400)}", timeLimit.Token);
                }
                else if (roll < 90)
                {
                    await store.ClearAsync(timeLimit.Token);
                }
                else
                {
                    await store.GetAsync($"w{random.Next(Workers)}-{random.Next(400)}", timeLimit.Token);
                }

                var usage = await store.GetUsageAsync(timeLimit.Token);
                Assert.InRange(usage.Bytes, 0, Cap);
                Assert.InRange(store.Bytes, 0, Cap);
            }
        }, timeLimit.Token)).ToArray();

        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            Volatile.Write(ref done, true);
            await sampler;
        }

        Assert.Equal(0, Interlocked.Read(ref over));
        Assert.True(Interlocked.Read(ref samples) > 0);

        // At rest, the bytes counted are exactly the bytes of the pages held.
        var held = new List<long>();
        foreach (var name in names.Distinct())
        {
            if (await store.GetAsync(name) is { } page)
            {
                held.Add(MemoryPageStore.SizeOf(name, page));
            }
        }

        var usage = await store.GetUsageAsync();
        Assert.Equal(held.Sum(), usage.Bytes);
        Assert.Equal(held.Count, usage.Pages);

        await store.ClearAsync();
        Assert.Equal(new PageStoreUsage(0, 0, Cap), await store.GetUsageAsync());
        Assert.Equal(0, store.Bytes);
    }
}
