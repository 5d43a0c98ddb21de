namespace MixNMatchttp.Caching;

/// <summary>
/// Where the <see cref="PageCache"/> keeps its pages: in memory (<see cref="MemoryPageStore"/>) or in a shared,
/// possibly remote store. A store owns all of its state, including the set of names ever saved (names are never
/// reused until the store is reset), and enforces its own memory cap exactly: no interleaving of concurrent calls,
/// from one process or many, may take the bytes held over the cap.
/// </summary>
public interface IPageStore
{
    /// <summary>Saves <paramref name="page"/> under <paramref name="name"/> unless the name was ever saved before or
    /// the page does not fit under the cap; checking and saving are one atomic step.</summary>
    ValueTask<PageAddResult> TryAddAsync(string name, Page page, CancellationToken cancellationToken = default);

    /// <summary>The page saved under <paramref name="name"/>; null when it was never saved or has been cleared.</summary>
    ValueTask<Page?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Clears one page and frees its bytes; false when no page of that name is held. The name stays taken.</summary>
    ValueTask<bool> RemoveAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Clears every page and frees all their bytes. The names stay taken.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of pages and bytes held now, and the cap.</summary>
    ValueTask<PageStoreUsage> GetUsageAsync(CancellationToken cancellationToken = default);
}
