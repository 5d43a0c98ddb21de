using MixNMatchttp.Caching;
using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// The page cache's pages in Redis, shared by every instance that uses the same key prefix. Each change is one Lua
/// script, which Redis runs with nothing in between: the never-overwrite check, the cap check and the save are one
/// step, so the bytes held never exceed <see cref="MaxBytes"/> and always equal the sum of the pages held, however
/// many instances write at once. A page counts the UTF-8 bytes of its name and content type plus its body, as in
/// <see cref="MemoryPageStore.SizeOf"/>. The names ever saved stay taken until the keys are deleted.
/// </summary>
public sealed class RedisPageStore : IPageStore
{
    // KEYS: names, bodies, types, sizes, bytes. ARGV: name, content type, body, cap.
    // Returns 0 (added), 1 (name taken) or 2 (over the cap), the order of PageAddResult.
    private const string AddScript = """
        if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
        local size = #ARGV[1] + #ARGV[2] + #ARGV[3]
        local held = tonumber(redis.call('GET', KEYS[5]) or '0')
        if size > tonumber(ARGV[4]) - held then return 2 end
        redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[4], ARGV[1], size)
        redis.call('INCRBY', KEYS[5], size)
        return 0
        """;

    // KEYS: as above. ARGV: name. Returns {body, type}, both nil when the page is not held.
    private const string GetScript = """
        return {redis.call('HGET', KEYS[2], ARGV[1]), redis.call('HGET', KEYS[3], ARGV[1])}
        """;

    // KEYS: as above. ARGV: name. Returns 1 when the page was held.
    private const string RemoveScript = """
        local size = redis.call('HGET', KEYS[4], ARGV[1])
        if not size then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('HDEL', KEYS[4], ARGV[1])
        redis.call('DECRBY', KEYS[5], size)
        return 1
        """;

    // KEYS: as above. Keeps the names.
    private const string ClearScript = """
        redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
        """;

    // KEYS: as above. Returns {pages, bytes}.
    private const string UsageScript = """
        return {redis.call('HLEN', KEYS[4]), tonumber(redis.call('GET', KEYS[5]) or '0')}
        """;

    private readonly IDatabase _database;
    private readonly RedisKey[] _keys;

    internal RedisPageStore(IDatabase database, RedisKeys keys, long maxBytes)
    {
        _database = database;
        _keys = keys.Pages;
        MaxBytes = maxBytes;
    }

    /// <summary>The most bytes of pages held at any moment (<see cref="RedisStorageOptions.PageMaxBytes"/>).</summary>
    public long MaxBytes { get; }

    /// <inheritdoc/>
    public async ValueTask<PageAddResult> TryAddAsync(string name, Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _database.ScriptEvaluateAsync(AddScript, _keys, [name, page.ContentType, page.Body, MaxBytes]);
        return (int)result switch
        {
            0 => PageAddResult.Added,
            1 => PageAddResult.NameTaken,
            _ => PageAddResult.CapacityExceeded,
        };
    }

    /// <inheritdoc/>
    public async ValueTask<Page?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        var found = (RedisResult[])(await _database.ScriptEvaluateAsync(GetScript, _keys, [name]))!;
        return found[0].IsNull ? null : new Page((byte[])found[0]!, (string)found[1]!);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return (int)await _database.ScriptEvaluateAsync(RemoveScript, _keys, [name]) == 1;
    }

    /// <inheritdoc/>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _database.ScriptEvaluateAsync(ClearScript, _keys);
    }

    /// <inheritdoc/>
    public async ValueTask<PageStoreUsage> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var usage = (RedisResult[])(await _database.ScriptEvaluateAsync(UsageScript, _keys))!;
        return new PageStoreUsage((long)usage[0], (long)usage[1], MaxBytes);
    }
}
