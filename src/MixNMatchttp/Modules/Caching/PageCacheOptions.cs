namespace MixNMatchttp.Caching;

/// <summary>Options of the <see cref="PageCache"/> module.</summary>
public sealed class PageCacheOptions
{
    /// <summary>The most bytes of pages (UTF-8 name + UTF-8 type + body each) the default memory store holds at once; a save that would go over it
    /// gets 500. Applies only when <see cref="Store"/> is null (a given store enforces its own cap).
    /// Default: 2 MiB (2,097,152 bytes). Must be positive.</summary>
    public long MaxBytes { get; set; } = MemoryPageStore.DefaultMaxBytes;

    /// <summary>Where pages are kept. Default: null, meaning a new <see cref="MemoryPageStore"/> of
    /// <see cref="MaxBytes"/> bytes for each server built, shared with nothing else.</summary>
    public IPageStore? Store { get; set; }
}
