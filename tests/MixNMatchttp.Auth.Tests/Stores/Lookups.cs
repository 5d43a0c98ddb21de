using System.Collections.Concurrent;
using System.Diagnostics;

namespace MixNMatchttp.Auth.Tests.Stores;

/// <summary>The look-ups a store was asked, by key, with when each started (on the monotonic clock). Thread-safe.</summary>
internal sealed class Lookups
{
    private readonly ConcurrentQueue<(string Key, long At)> _lookups = new();

    public int Total => _lookups.Count;

    public void Add(string key) => _lookups.Enqueue((key, Stopwatch.GetTimestamp()));

    public int Of(string key) => _lookups.Count(lookup => lookup.Key == key);

    public void Clear() => _lookups.Clear();

    /// <summary>Asserts that there were look-ups, and that each key was looked up at most once a second: a key's
    /// look-ups start at least a second apart, however long the requests took.</summary>
    public void AssertEachKeyAtMostOnceASecond()
    {
        Assert.NotEmpty(_lookups);
        foreach (var key in _lookups.GroupBy(lookup => lookup.Key))
        {
            var starts = key.Select(lookup => lookup.At).Order().ToList();
            foreach (var (earlier, later) in starts.Zip(starts.Skip(1)))
            {
                var apart = Stopwatch.GetElapsedTime(earlier, later);
                Assert.True(apart >= TimeSpan.FromSeconds(1), $"'{key.Key}' was looked up twice {apart.TotalMilliseconds} ms apart ({starts.Count} look-ups)");
            }
        }
    }
}
