using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Capture;

/// <summary>
/// The captured requests: numbered, kept in a ring of the last N, queued for the log file and handed to every
/// event-stream subscriber, all under one lock so numbers, file lines and events share one order; the file itself is
/// written (and each line serialized) by its own background writer, never under the lock.
/// </summary>
internal sealed class CaptureStore
{
    private readonly Lock _lock = new();
    private readonly CapturedRequest?[] _ring;
    private readonly List<Channel<CapturedRequest>> _subscribers = [];
    private readonly LogFile? _logFile;
    private readonly ILogger _logger;
    private long _lastId;
    private int _next;
    private int _count;

    public CaptureStore(int capacity, LogFile? logFile, ILogger logger)
    {
        _ring = new CapturedRequest?[capacity];
        _logFile = logFile;
        _logger = logger;
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Numbers and records a request built by <paramref name="create"/> from its number. The returned task
    /// completes when the request's log line is queued: at once, unless the log file's queue is full.</summary>
    public ValueTask RecordAsync(Func<long, CapturedRequest> create)
    {
        lock (_lock)
        {
            var request = create(++_lastId);
            _ring[_next] = request;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(request);
            }

            // queued under the lock, so lines keep the capture order; a full queue is waited for outside it
            return _logFile?.WriteLineAsync(request.ToJson) ?? default;
        }
    }

    /// <summary>The kept requests, oldest first.</summary>
    public CapturedRequest[] Snapshot()
    {
        lock (_lock)
        {
            var items = new CapturedRequest[_count];
            var start = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                items[i] = _ring[(start + i) % _ring.Length]!;
            }

            return items;
        }
    }

    /// <summary>Starts handing every new request to a bounded queue that drops its oldest entries when full.</summary>
    public Subscription Subscribe(int capacity)
    {
        var channel = Channel.CreateBounded<CapturedRequest>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _logger.EventDropped(dropped.Id));
        int count;
        lock (_lock)
        {
            _subscribers.Add(channel);
            count = _subscribers.Count;
        }

        _logger.SubscriberJoined(count);
        return new Subscription(this, channel);
    }

    private void Unsubscribe(Channel<CapturedRequest> channel)
    {
        int count;
        lock (_lock)
        {
            _subscribers.Remove(channel);
            count = _subscribers.Count;
        }

        channel.Writer.TryComplete();
        _logger.SubscriberLeft(count);
    }

    /// <summary>A subscriber's queue; disposing it stops the deliveries.</summary>
    internal sealed class Subscription(CaptureStore store, Channel<CapturedRequest> channel) : IDisposable
    {
        private int _disposed;

        public ChannelReader<CapturedRequest> Reader => channel.Reader;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(channel);
            }
        }
    }
}
