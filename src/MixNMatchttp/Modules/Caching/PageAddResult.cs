namespace MixNMatchttp.Caching;

/// <summary>The outcome of <see cref="IPageStore.TryAddAsync"/>.</summary>
public enum PageAddResult
{
    /// <summary>The page was saved.</summary>
    Added,

    /// <summary>A page was saved under this name before (even if it has been cleared since): pages are never
    /// overwritten until the store is reset (for the memory store: until the server restarts).</summary>
    NameTaken,

    /// <summary>Saving the page would take the store over its memory cap; nothing was saved.</summary>
    CapacityExceeded,
}
