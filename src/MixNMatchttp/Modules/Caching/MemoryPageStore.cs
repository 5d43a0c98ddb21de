using System.Collections.Concurrent;
using System.Text;

namespace MixNMatchttp.Caching;

/// <summary>
/// Pages in this process's memory, capped at <see cref="MaxBytes"/> bytes (each page counts its name, its content type
/// and its body: <see cref="SizeOf"/>). Every change (the
/// name and size checks with the add, a removal, a clear) happens under one lock, so the bytes held never exceed the
/// cap under any interleaving and always equal the sum of the pages held; reads take no lock. Two stores share
/// nothing.
/// </summary>
public sealed class MemoryPageStore : IPageStore
{
    /// <summary>The default cap: 2 MiB.</summary>
    public const long DefaultMaxBytes = 2L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, Page> _pages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everSaved = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Creates an empty store holding at most <paramref name="maxBytes"/> bytes of pages (default 2 MiB).</summary>
    public MemoryPageStore(long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>The most bytes of pages held at any moment.</summary>
    public long MaxBytes { get; }

    /// <summary>The bytes of the pages held now (<see cref="SizeOf"/> each); never more than <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The number of pages held now.</summary>
    public int Count => _pages.Count;

    /// <summary>What a page saved under <paramref name="name"/> counts against the cap: the UTF-8 bytes of its name and
    /// of its content type, and its body.</summary>
    public static long SizeOf(string name, Page page)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(page);
        return Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(page.ContentType) + (long)page.Body.Length;
    }

    /// <inheritdoc/>
    public ValueTask<PageAddResult> TryAddAsync(string name, Page page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();

        // The store keeps its own copy, made outside the lock: the caller's buffer may change later.
        var stored = page with { Body = page.Body.ToArray() };
        var size = SizeOf(name, stored);
        lock (_lock)
        {
            if (_everSaved.Contains(name))
            {
                return new(PageAddResult.NameTaken);
            }

            if (size > MaxBytes - _bytes)
            {
                return new(PageAddResult.CapacityExceeded);
            }

            _everSaved.Add(name);
            _pages[name] = stored;
            Interlocked.Add(ref _bytes, size);
        }

        return new(PageAddResult.Added);
    }

    /// <inheritdoc/>
    public ValueTask<Page?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return new(_pages.TryGetValue(name, out var page) ? page : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_pages.TryRemove(name, out var page))
            {
                return new(false);
            }

            Interlocked.Add(ref _bytes, -SizeOf(name, page));
        }

        return new(true);
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _pages.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<PageStoreUsage> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return new(new PageStoreUsage(_pages.Count, _bytes, MaxBytes));
        }
    }
}
