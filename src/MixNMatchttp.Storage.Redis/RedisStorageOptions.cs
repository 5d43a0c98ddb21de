using MixNMatchttp.Caching;

namespace MixNMatchttp.Storage.Redis;

/// <summary>Options of <see cref="RedisStorage.ConnectAsync"/>.</summary>
public sealed class RedisStorageOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "mixnmatchttp:";

    /// <summary>Put before every key the stores use, so that several applications (or several independent groups of
    /// instances) can share one Redis database. Instances that share state must use the same prefix. Any text, empty
    /// included. Default: <c>mixnmatchttp:</c>.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>The most bytes of pages (UTF-8 name + UTF-8 type + body each) the page store holds at once, across every
    /// instance that shares it. Instances sharing a page store should use the same cap. Default: 2 MiB (2,097,152
    /// bytes). Must be positive.</summary>
    public long PageMaxBytes { get; set; } = MemoryPageStore.DefaultMaxBytes;

    /// <summary>How long connecting may take before start-up fails. Default: 5 seconds. From 1 ms to 5 minutes.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<string> Problems()
    {
        if (KeyPrefix is null)
        {
            yield return "RedisStorageOptions.KeyPrefix must not be null";
        }

        if (PageMaxBytes <= 0)
        {
            yield return $"RedisStorageOptions.PageMaxBytes must be positive, not {PageMaxBytes}";
        }

        if (ConnectTimeout < TimeSpan.FromMilliseconds(1) || ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"RedisStorageOptions.ConnectTimeout must be from 1 ms to 5 minutes, not {ConnectTimeout}";
        }
    }
}
