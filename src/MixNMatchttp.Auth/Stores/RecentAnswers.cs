using System.Collections.Concurrent;
using System.Diagnostics;

namespace MixNMatchttp.Auth;

/// <summary>
/// A shared store's recent answers, "not found" included, remembered for one second (on the monotonic clock) so that
/// a client's repeated requests cost at most one store round-trip per second per key. Concurrent misses for one key
/// share one store call; a call that fails is not remembered. A key forgotten while its call is running is not
/// remembered from that call either. Holds at most 4096 keys: when full, it starts over.
/// </summary>
/// <param name="ask">The store call that answers for a key.</param>
internal sealed class RecentAnswers<TValue>(Func<string, Task<TValue>> ask)
{
    private const int MaxKeys = 4096;
    private static readonly long Fresh = Stopwatch.Frequency;

    private readonly ConcurrentDictionary<string, (TValue Value, long At)> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<TValue>> _calls = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The remembered answer for <paramref name="key"/>, else the answer of the store call already running
    /// for it, else the answer of a new store call. <paramref name="cancellationToken"/> stops only this caller's
    /// wait: the store call is shared, so it runs to its end.</summary>
    public Task<TValue> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (TryGetFresh(key, out var value))
        {
            return Task.FromResult(value);
        }

        Task<TValue>? call;
        var started = false;
        lock (_gate)
        {
            if (TryGetFresh(key, out value))
            {
                return Task.FromResult(value);
            }

            if (!_calls.TryGetValue(key, out call) || call.IsFaulted || call.IsCanceled)
            {
                // Run, not called here: the store's code does not run under the lock.
                call = _calls[key] = Task.Run(() => ask(key), CancellationToken.None);
                started = true;
            }
        }

        if (started)
        {
            _ = RememberAsync(key, call);
        }

        return call.WaitAsync(cancellationToken);
    }

    /// <summary>Remembers an answer this instance knows (it made the change), replacing any store call's.</summary>
    public void Set(string key, TValue value)
    {
        lock (_gate)
        {
            _calls.Remove(key);
            Remember(key, value);
        }
    }

    public void Forget(string key)
    {
        lock (_gate)
        {
            _calls.Remove(key);
            _answers.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets the remembered answers that meet <paramref name="condition"/>, and every running store call's
    /// answer (whose value is not known yet).</summary>
    public void ForgetWhere(Func<TValue, bool> condition)
    {
        lock (_gate)
        {
            _calls.Clear();
            foreach (var (key, answer) in _answers)
            {
                if (condition(answer.Value))
                {
                    _answers.TryRemove(key, out _);
                }
            }
        }
    }

    private bool TryGetFresh(string key, out TValue value)
    {
        if (_answers.TryGetValue(key, out var answer) && Stopwatch.GetTimestamp() - answer.At < Fresh)
        {
            value = answer.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers a store call's answer once it comes, unless the call failed or its key was forgotten (or
    /// set) meanwhile.</summary>
    private async Task RememberAsync(string key, Task<TValue> call)
    {
        await ((Task)call).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            if (_calls.TryGetValue(key, out var current) && current == call)
            {
                _calls.Remove(key);
                if (call.IsCompletedSuccessfully)
                {
                    Remember(key, call.Result);
                }
            }
        }
    }

    /// <summary>Called under the lock.</summary>
    private void Remember(string key, TValue value)
    {
        if (_answers.Count >= MaxKeys)
        {
            _answers.Clear();
        }

        _answers[key] = (value, Stopwatch.GetTimestamp());
    }
}
