namespace MixNMatchttp.Caching;

/// <summary>How much of a page store is in use.</summary>
/// <param name="Pages">The number of pages held now (cleared pages are not counted).</param>
/// <param name="Bytes">The total size of the bodies of the pages held now.</param>
/// <param name="MaxBytes">The most page bytes the store may hold at any moment.</param>
public readonly record struct PageStoreUsage(long Pages, long Bytes, long MaxBytes);
