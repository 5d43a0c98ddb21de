using System.Diagnostics;
using System.Text.Json;
using MixNMatchttp.Capture;

namespace MixNMatchttp.Tests.Capture;

public sealed class EventStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stream_DeliversAnEvent_ForARequestMadeAfterSubscribing()
    {
        await using var host = await CaptureHost.StartAsync(new RequestCapture());
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await host.Client.GetAsync("/requests/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        await host.Client.GetAsync("/hello?after=1", cancel.Token);
        var (name, id, data) = await ReadEventAsync(reader, cancel.Token);
        Assert.Equal("request", name);
        Assert.Equal("1", id);
        using var json = JsonDocument.Parse(data);
        Assert.Equal("/hello?after=1", json.RootElement.GetProperty("target").GetString());

        await host.Client.PostAsync("/hello", new StringContent("second"), cancel.Token);
        var second = await ReadEventAsync(reader, cancel.Token);
        Assert.Equal("2", second.Id);
        Assert.Contains("\"method\":\"POST\"", second.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_SendsTheKeptRequestsFirst()
    {
        await using var host = await CaptureHost.StartAsync(new RequestCapture());
        await host.Client.GetAsync("/before-1");
        await host.Client.GetAsync("/before-2");
        using var cancel = new CancellationTokenSource(Timeout);
        using var response = await host.Client.GetAsync("/requests/stream?replay=1", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        await host.Client.GetAsync("/after", cancel.Token);
        Assert.Contains("/before-1", (await ReadEventAsync(reader, cancel.Token)).Data, StringComparison.Ordinal);
        Assert.Contains("/before-2", (await ReadEventAsync(reader, cancel.Token)).Data, StringComparison.Ordinal);
        var after = await ReadEventAsync(reader, cancel.Token);
        Assert.Equal("3", after.Id);
        Assert.Contains("/after", after.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastEventId_ResumesAfterThatEvent()
    {
        await using var host = await CaptureHost.StartAsync(new RequestCapture());
        await host.Client.GetAsync("/seen");
        await host.Client.GetAsync("/missed");
        using var cancel = new CancellationTokenSource(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/requests/stream") { Headers = { { "Last-Event-ID", "1" } } };
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var resumed = await ReadEventAsync(reader, cancel.Token);
        Assert.Equal("2", resumed.Id);
        Assert.Contains("/missed", resumed.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientDisconnecting_EndsItsSubscription()
    {
        var capture = new RequestCapture();
        await using var host = await CaptureHost.StartAsync(capture);
        using (var response = await host.Client.GetAsync("/requests/stream", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(1, capture.Store.SubscriberCount);
        }

        var watch = Stopwatch.StartNew();
        while (capture.Store.SubscriberCount > 0 && watch.Elapsed < Timeout)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, capture.Store.SubscriberCount);
    }

    [Fact]
    public async Task ServerShutdown_EndsOpenStreams_WithoutWaitingForTheShutdownTimeout()
    {
        var host = await CaptureHost.StartAsync(new RequestCapture(), new MixServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(30) });
        try
        {
            using var response = await host.Client.GetAsync("/requests/stream", HttpCompletionOption.ResponseHeadersRead);
            var watch = Stopwatch.StartNew();
            await host.StopAsync().WaitAsync(Timeout);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task SlowSubscriber_LosesItsOldestEvents_NotTheNewest()
    {
        var store = new CaptureStore(10, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var subscription = store.Subscribe(capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            await store.RecordAsync(id => new CapturedRequest(id, CaptureHost.Now, null, 0, "GET", $"/{id}", "HTTP/1.1", [], [], 0, truncated: false));
        }

        Assert.True(subscription.Reader.TryRead(out var first));
        Assert.True(subscription.Reader.TryRead(out var second));
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.Equal([4L, 5L], new[] { first!.Id, second!.Id });
        subscription.Dispose();
        Assert.Equal(0, store.SubscriberCount);
        Assert.Equal(5, store.Snapshot().Length);
    }

    /// <summary>Reads one server-sent event: its name, id and data (data lines joined with '\n').</summary>
    private static async Task<(string? Name, string? Id, string Data)> ReadEventAsync(StreamReader reader, CancellationToken cancel)
    {
        string? name = null;
        string? id = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return (name, id, string.Join('\n', data));
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }

        throw new EndOfStreamException("The event stream ended before an event arrived.");
    }
}
