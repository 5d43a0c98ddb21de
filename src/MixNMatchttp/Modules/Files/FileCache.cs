namespace MixNMatchttp.Files;

/// <summary>
/// The bytes of small static files, keyed by their resolved (real) path. The least recently used entry is evicted
/// when a new one would take the cache over its byte budget or its entry limit, so new files are always cached. An
/// entry is served only while a fresh stat of its path is equal to the one it was read under (same device, inode,
/// length, modification and change time); otherwise, or once its file is gone, it is dropped and its bytes released.
/// The request paths that reached an entry are remembered too, so that a repeated request finds its file with one
/// stat of the path it names (links followed) instead of resolving every link again: the stat's device and inode prove
/// that the path still reaches the same file. The compressed variants of a held file are kept with it and counted in
/// the byte budget (<see cref="Keep"/>).
/// </summary>
internal sealed class FileCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<FileSnapshot>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<FileSnapshot> _recency = new(); // the most recently used first
    private readonly Dictionary<string, LinkedListNode<FileSnapshot>> _reachedBy = new(StringComparer.Ordinal);
    private long _bytes;

    public FileCache(long maxBytes, int maxEntries)
    {
        MaxBytes = maxBytes;
        MaxEntries = maxEntries;
    }

    /// <summary>The most bytes of file contents held at once.</summary>
    public long MaxBytes { get; }

    /// <summary>The most files held at once.</summary>
    public int MaxEntries { get; }

    /// <summary>The bytes held now: the files' contents and their compressed variants.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The number of files held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A cache for the memory limits of <paramref name="options"/>; refuses negative limits.</summary>
    public static FileCache For(StaticFilesOptions options)
    {
        if (options.MemoryCacheCapacity < 0 || options.MemoryCacheMaxFileSize < 0 || options.MemoryCacheMaxEntries < 0)
        {
            throw new MixConfigurationException(
                $"StaticFilesOptions.MemoryCacheCapacity ({options.MemoryCacheCapacity}), MemoryCacheMaxFileSize ({options.MemoryCacheMaxFileSize}) and MemoryCacheMaxEntries ({options.MemoryCacheMaxEntries}) must not be negative.");
        }

        return new FileCache(options.MemoryCacheCapacity, options.MemoryCacheMaxEntries);
    }

    /// <summary>Whether the file at <paramref name="realPath"/> is held (whatever its version).</summary>
    public bool Contains(string realPath)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(realPath);
        }
    }

    /// <summary>The held snapshot of <paramref name="realPath"/> when <paramref name="current"/> is still its version;
    /// else null, and a stale entry is dropped.</summary>
    public FileSnapshot? Get(string realPath, FileStat current)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(realPath, out var node))
            {
                return null;
            }

            if (!node.Value.IsCurrent(current))
            {
                Drop(node);
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>The held snapshot that <paramref name="requestPath"/> (the root joined with the request's path) reached
    /// before, when a stat of that path (links followed) shows the same version of the same file; else null.</summary>
    public FileSnapshot? GetReachedBy(string requestPath)
    {
        LinkedListNode<FileSnapshot>? node;
        lock (_lock)
        {
            if (!_reachedBy.TryGetValue(requestPath, out node))
            {
                return null;
            }
        }

        var current = FileStat.Of(requestPath);
        lock (_lock)
        {
            if (node.List is null || !node.Value.IsCurrent(current))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }
    }

    /// <summary>Remembers that <paramref name="requestPath"/> reaches the held file at <paramref name="realPath"/>.</summary>
    public void RememberReach(string requestPath, string realPath)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(realPath, out var node))
            {
                return;
            }

            if (_reachedBy.Count >= Math.Max(16, 2 * MaxEntries))
            {
                _reachedBy.Clear(); // bounded; the paths in use come back at their next request
            }

            _reachedBy[requestPath] = node;
        }
    }

    /// <summary>Holds <paramref name="snapshot"/> (which has its bytes) in place of any older version of its file,
    /// evicting the least recently used files as needed; a file larger than the whole budget is not held.</summary>
    public void Add(FileSnapshot snapshot)
    {
        var size = snapshot.Data?.LongLength ?? throw new ArgumentException("Only snapshots with their bytes can be cached.", nameof(snapshot));
        if (size > MaxBytes || MaxEntries == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(snapshot.Path, out var older))
            {
                Drop(older);
            }

            while (_entries.Count >= MaxEntries || _bytes + size > MaxBytes)
            {
                Drop(_recency.Last!);
            }

            _entries.Add(snapshot.Path, _recency.AddFirst(snapshot));
            _bytes += size;
        }
    }

    /// <summary>
    /// Keeps <paramref name="variant"/> (<paramref name="file"/> compressed) with the held <paramref name="file"/>,
    /// counted in the budget, evicting the least recently used other files as needed. Returns the variant to send: one
    /// kept before by another request, or this one, which is not kept when the file is no longer held or the file with
    /// its variants would not fit the whole budget.
    /// </summary>
    public FileSnapshot Keep(FileSnapshot file, FileSnapshot variant)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(variant);
        var size = variant.Length;
        lock (_lock)
        {
            if (file.KeptVariant(variant.Coding) is { } kept)
            {
                return kept;
            }

            if (!_entries.TryGetValue(file.Path, out var node) || node.Value != file || file.HeldBytes + size > MaxBytes)
            {
                return variant;
            }

            while (_bytes + size > MaxBytes)
            {
                Drop(_recency.Last == node ? node.Previous! : _recency.Last!);
            }

            file.Keep(variant);
            _bytes += size;
            return variant;
        }
    }

    /// <summary>Drops the entry of <paramref name="realPath"/>, if any, releasing its bytes.</summary>
    public void Remove(string realPath)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(realPath, out var node))
            {
                Drop(node);
            }
        }
    }

    private void Drop(LinkedListNode<FileSnapshot> node)
    {
        _entries.Remove(node.Value.Path);
        _recency.Remove(node);
        _bytes -= node.Value.HeldBytes;
    }
}
