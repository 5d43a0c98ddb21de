namespace MixNMatchttp.Storage.Sql;

/// <summary>
/// SQLite lets one connection write at a time, and its busy handler is unfair: with many writers waiting, a late one
/// can win again and again while an early one times out, each holding a thread (Microsoft.Data.Sqlite waits
/// synchronously). So a SQLite storage lets its writes in one at a time, in order, waiting asynchronously; SQLite's lock
/// and busy timeout only arbitrate between processes then. PostgreSQL needs no gate.
/// </summary>
internal sealed class WriteGate
{
    private readonly SemaphoreSlim? _semaphore;

    public WriteGate(SqlProvider provider)
    {
        _semaphore = provider == SqlProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>Waits for the turn to write; dispose the result when the write is done.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(cancellationToken);
        }

        return new Turn(_semaphore);
    }

    public readonly struct Turn(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
