using MixNMatchttp.Auth;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// Failed-login counts in Redis, shared by every instance: a hash per account and per client address holding the count
/// and the time of the last failure, which Redis expires a window after that failure. Reserving checks and counts both
/// keys in one Lua script, on the <c>now</c> the caller passes, so parallel attempts on any number of instances get
/// exactly the allowed number of reservations. <see cref="PruneAsync"/> has nothing to do and returns 0.
/// </summary>
public sealed class RedisLockoutStore : ILockoutStore
{
    // KEYS: account, address. ARGV: max failures, window (ms), now (Unix ms). Returns -1 when reserved, else the
    // milliseconds the longer lock still lasts.
    private const string ReserveScript = """
        local max, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local counts, longest = {}, -1
        for i = 1, 2 do
          local held = redis.call('HMGET', KEYS[i], 'count', 'last')
          local count, last = tonumber(held[1]) or 0, tonumber(held[2]) or 0
          if count > 0 and now - last >= window then count = 0 end
          if count >= max and count > 0 then
            local remaining = last + window - now
            if remaining > longest then longest = remaining end
          end
          counts[i] = count
        end
        if longest >= 0 then return longest end
        for i = 1, 2 do
          redis.call('HSET', KEYS[i], 'count', counts[i] + 1, 'last', ARGV[3])
          redis.call('PEXPIRE', KEYS[i], ARGV[2])
        end
        return -1
        """;

    // KEYS: account, address. ARGV[1]: '1' to clear the account. A count that reaches zero is deleted.
    private const string GiveBackScript = """
        for i = 1, 2 do
          local count = tonumber(redis.call('HGET', KEYS[i], 'count'))
          if count then
            if count <= 1 or (i == 1 and ARGV[1] == '1') then
              redis.call('DEL', KEYS[i])
            else
              redis.call('HSET', KEYS[i], 'count', count - 1)
            end
          end
        end
        """;

    private readonly IDatabase _database;
    private readonly RedisKeys _keys;

    internal RedisLockoutStore(IDatabase database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
    }

    /// <inheritdoc/>
    public async ValueTask<TimeSpan?> TryReserveAsync(string account, string address, int maxFailures, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        var wait = (long)await _database.ScriptEvaluateAsync(
            ReserveScript,
            [_keys.LockoutAccount(account), _keys.LockoutAddress(address)],
            [maxFailures, Math.Max(1, (long)window.TotalMilliseconds), now.ToUnixTimeMilliseconds()]);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    /// <inheritdoc/>
    public async ValueTask GiveBackAsync(string account, string address, bool clearAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(address);
        cancellationToken.ThrowIfCancellationRequested();
        await _database.ScriptEvaluateAsync(
            GiveBackScript, [_keys.LockoutAccount(account), _keys.LockoutAddress(address)], [clearAccount ? "1" : "0"]);
    }

    /// <summary>Counts expire by themselves: returns 0.</summary>
    public ValueTask<int> PruneAsync(TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken) => new(0);
}
