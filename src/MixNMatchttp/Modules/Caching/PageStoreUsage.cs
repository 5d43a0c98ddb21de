namespace MixNMatchttp.Caching;

/// <summary>How much of a page store is in use.</summary>
/// <param name="Pages">The number of pages held now (cleared pages are not counted).</param>
/// <param name="Bytes">The bytes the pages held now count against the cap (for the memory store: name, type and body, <see cref="MemoryPageStore.SizeOf"/>).</param>
/// <param name="MaxBytes">The most page bytes the store may hold at any moment.</param>
public readonly record struct PageStoreUsage(long Pages, long Bytes, long MaxBytes);
