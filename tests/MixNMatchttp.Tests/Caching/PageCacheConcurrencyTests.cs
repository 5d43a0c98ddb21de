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
        var answers = new System.Collections.Concurrent.ConcurrentBag<(string Kind, HttpStatusCode Status, string Text)>();

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
                var kind = roll switch { < 7 => "save", 7 or 8 => "clear", _ => "get" };
                answers.Add((kind, response.StatusCode, await response.Content.ReadAsStringAsync(timeLimit.Token)));
                Assert.InRange(store.Bytes, 0, Cap);
            }
        }, timeLimit.Token)).ToArray();
        await Task.WhenAll(workers);

        // Every name is saved once, so a save fails only for the cap and a read only for a page never saved or cleared.
        Assert.Equal(Workers * OperationsPerWorker, answers.Count);
        Assert.All(answers, answer =>
        {
            switch (answer)
            {
                case ("save", HttpStatusCode.NoContent, ""):
                case ("save", HttpStatusCode.InternalServerError, "Internal Server Error: the page does not fit in the cache's memory cap\n"):
                case ("clear", HttpStatusCode.NoContent, ""):
                case ("get", HttpStatusCode.InternalServerError, "Internal Server Error: no such page: it was never saved, or it was cleared\n"):
                    break;
                case ("get", HttpStatusCode.OK, var text):
                    Assert.Matches("^x+$", text);
                    break;
                default:
                    Assert.Fail($"unexpected answer to a {answer.Kind}: {(int)answer.Status} '{answer.Text}'");
                    break;
            }
        });

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
