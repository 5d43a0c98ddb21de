using System.Net;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

public sealed class PageCacheConcurrencyTests
{
    [Fact]
    public async Task ParallelSavesAndClearsOverHttp_NeverExceedTheCap_AndClearAllEndsAtZero()
    {
        const long Cap = 16 * 1024;
        const int Workers = 8;
        const int OperationsPerWorker = 25;
        var store = new MemoryPageStore(Cap);
        await using var host = await TestHost.StartAsync(new PageCache(new PageCacheOptions { Store = store }));
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                var roll = random.Next(10);
                using var response = roll switch
                {
                    < 7 => await host.Client.PostAsync(
                        $"/cache/w{worker}-{i}",
                        new FormUrlEncodedContent([new("data", new string('x', random.Next(1, 4096)))]),
                        timeLimit.Token),
                    7 => await host.Client.GetAsync($"/cache/clear/w{random.Next(Workers)}-{random.Next(i + 1)}", timeLimit.Token),
                    8 => await host.Client.GetAsync("/cache/clear", timeLimit.Token),
                    _ => await host.Client.GetAsync($"/cache/w{random.Next(Workers)}-{random.Next(i + 1)}", timeLimit.Token),
                };
                statuses.Add(response.StatusCode);
                Assert.InRange(store.Bytes, 0, Cap);
            }
        }, timeLimit.Token)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Workers * OperationsPerWorker, statuses.Count);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.InternalServerError }));

        long held = 0;
        for (var worker = 0; worker < Workers; worker++)
        {
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                var name = $"w{worker}-{i}";
                held += await store.GetAsync(name) is { } page ? MemoryPageStore.SizeOf(name, page) : 0;
            }
        }

        Assert.Equal(held, store.Bytes);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear")).StatusCode);
        Assert.Equal(new PageStoreUsage(0, 0, Cap), await store.GetUsageAsync());
    }
}
