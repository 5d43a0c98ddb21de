using System.Globalization;
using System.Text;
using MixNMatchttp.Auth;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// Sessions in Redis: one hash per session that Redis expires at <see cref="SessionRecord.ExpiresAt"/>, and a set of
/// token hashes per user and per refresh-token family so that a password change or a reused refresh token ends them
/// all. Every change is one Lua script, so it is atomic across instances. Expired sessions vanish by themselves;
/// <see cref="PruneAsync"/> drops the token hashes of vanished sessions from the sets and returns 0.
/// </summary>
public sealed class RedisSessionStore : ISessionStore
{
    // KEYS: session, user set[, family set]. ARGV: token hash, user, expires (Unix ms), lifetime (ms)[, family].
    private const string CreateScript = """
        redis.call('DEL', KEYS[1])
        if ARGV[5] then
          redis.call('HSET', KEYS[1], 'user', ARGV[2], 'expires', ARGV[3], 'family', ARGV[5])
        else
          redis.call('HSET', KEYS[1], 'user', ARGV[2], 'expires', ARGV[3])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        for i = 2, #KEYS do
          redis.call('SADD', KEYS[i], ARGV[1])
          if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[4]) then
            redis.call('PEXPIRE', KEYS[i], ARGV[4])
          end
        end
        """;

    // KEYS: session. ARGV: token hash, user set prefix, family set prefix. Returns 1 when this call removed it.
    private const string RemoveScript = """
        local owner = redis.call('HMGET', KEYS[1], 'user', 'family')
        if not owner[1] then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', ARGV[2] .. owner[1], ARGV[1])
        if owner[2] then redis.call('SREM', ARGV[3] .. owner[2], ARGV[1]) end
        return 1
        """;

    // Ends every session listed in one set (a user's or a family's) whose field ARGV[2] is ARGV[3], drops it from the
    // other set it is in (field ARGV[4], set prefix ARGV[5]), and deletes the set. KEYS: the set. ARGV[1]: session
    // prefix. Returns how many sessions ended.
    private const string RemoveListedScript = """
        local removed = 0
        for _, hash in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local key = ARGV[1] .. hash
          local fields = redis.call('HMGET', key, ARGV[2], ARGV[4])
          if fields[1] == ARGV[3] then
            redis.call('DEL', key)
            if fields[2] then redis.call('SREM', ARGV[5] .. fields[2], hash) end
            removed = removed + 1
          end
        end
        redis.call('DEL', KEYS[1])
        return removed
        """;

    // Drops from one set the token hashes whose session is gone. KEYS: the set. ARGV[1]: session prefix.
    private const string PruneSetScript = """
        local dropped = 0
        for _, hash in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          if redis.call('EXISTS', ARGV[1] .. hash) == 0 then
            redis.call('SREM', KEYS[1], hash)
            dropped = dropped + 1
          end
        end
        return dropped
        """;

    private static readonly RedisValue[] Fields = ["user", "expires", "family"];

    private readonly IDatabase _database;
    private readonly RedisKeys _keys;

    internal RedisSessionStore(IDatabase database, RedisKeys keys)
    {
        _database = database;
        _keys = keys;
    }

    /// <inheritdoc/>
    public async ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        cancellationToken.ThrowIfCancellationRequested();
        var expires = session.ExpiresAt.ToUnixTimeMilliseconds();
        var lifetime = Math.Max(1, expires - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        RedisKey[] keys = session.Family is null
            ? [_keys.Session(session.TokenHash), _keys.SessionUser(session.Username)]
            : [_keys.Session(session.TokenHash), _keys.SessionUser(session.Username), _keys.SessionFamily(session.Family)];
        RedisValue[] values = session.Family is null
            ? [session.TokenHash, session.Username, expires, lifetime]
            : [session.TokenHash, session.Username, expires, lifetime, session.Family];
        await _database.ScriptEvaluateAsync(CreateScript, keys, values);
    }

    /// <inheritdoc/>
    public async ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await _database.HashGetAsync(_keys.Session(tokenHash), Fields);
        if (fields[0].IsNull || !long.TryParse((string?)fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        return new SessionRecord(tokenHash, (string)fields[0]!, DateTimeOffset.FromUnixTimeMilliseconds(expires), (string?)fields[2]);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _database.ScriptEvaluateAsync(
            RemoveScript, [_keys.Session(tokenHash)], [tokenHash, _keys.SessionUserPrefix, _keys.SessionFamilyPrefix]);
        return (int)result == 1;
    }

    /// <inheritdoc/>
    public async ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        cancellationToken.ThrowIfCancellationRequested();
        await _database.ScriptEvaluateAsync(
            RemoveListedScript, [_keys.SessionUser(username)], [_keys.SessionPrefix, "user", username, "family", _keys.SessionFamilyPrefix]);
    }

    /// <inheritdoc/>
    public async ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(family);
        cancellationToken.ThrowIfCancellationRequested();
        var removed = await _database.ScriptEvaluateAsync(
            RemoveListedScript, [_keys.SessionFamily(family)], [_keys.SessionPrefix, "family", family, "user", _keys.SessionUserPrefix]);
        return (int)removed;
    }

    /// <summary>Sessions expire by themselves; this drops the token hashes of expired sessions from the per-user and
    /// per-family sets (one SCAN of the database) and returns 0.</summary>
    public async ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var setPrefix in new[] { _keys.SessionUserPrefix, _keys.SessionFamilyPrefix })
        {
            await foreach (var set in ScanAsync(setPrefix, cancellationToken))
            {
                await _database.ScriptEvaluateAsync(PruneSetScript, [set], [_keys.SessionPrefix]);
            }
        }

        return 0;
    }

    /// <summary>Every key that starts with <paramref name="prefix"/>, found with SCAN (which never blocks the server
    /// for long); the prefix's glob characters are escaped.</summary>
    private async IAsyncEnumerable<RedisKey> ScanAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pattern = EscapeGlob(prefix) + "*";
        var cursor = "0";
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reply = (RedisResult[])(await _database.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", 1000))!;
            cursor = (string)reply[0]!;
            foreach (var key in (RedisKey[])reply[1]!)
            {
                yield return key;
            }
        }
        while (cursor != "0");
    }

    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
