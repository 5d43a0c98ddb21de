using System.Collections.Concurrent;
using System.Diagnostics;

namespace MixNMatchttp.Auth;

/// <summary>
/// A shared store's recent answers, remembered for one second (on the monotonic clock) so that a client's repeated
/// requests cost at most one store round-trip per second per key. Holds at most 4096 keys: when full, it starts over.
/// </summary>
internal sealed class RecentAnswers<TValue>
{
    private const int MaxKeys = 4096;
    private static readonly long Fresh = Stopwatch.Frequency;

    private readonly ConcurrentDictionary<string, (TValue Value, long At)> _answers = new(StringComparer.Ordinal);

    public bool TryGet(string key, out TValue value)
    {
        if (_answers.TryGetValue(key, out var answer) && Stopwatch.GetTimestamp() - answer.At < Fresh)
        {
            value = answer.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (_answers.Count >= MaxKeys)
        {
            _answers.Clear();
        }

        _answers[key] = (value, Stopwatch.GetTimestamp());
    }

    public void Forget(string key) => _answers.TryRemove(key, out _);

    public void ForgetWhere(Func<TValue, bool> condition)
    {
        foreach (var (key, answer) in _answers)
        {
            if (condition(answer.Value))
            {
                _answers.TryRemove(key, out _);
            }
        }
    }
}
