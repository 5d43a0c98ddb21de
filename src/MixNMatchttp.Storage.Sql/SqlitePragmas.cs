using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MixNMatchttp.Storage.Sql;

/// <summary>
/// Sets the per-connection SQLite settings the first time EF Core opens each native connection (they last while
/// Microsoft.Data.Sqlite's pool keeps it, so a pooled open costs nothing): how long SQLite itself waits for another
/// writer, finely, before Microsoft.Data.Sqlite's coarser retries (bounded by the connection string's Default Timeout,
/// the same time) take over; and how often to wait for the disk. Foreign keys are on through the connection string; WAL
/// mode is a property of the file, set once.
/// </summary>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    // synchronous = NORMAL: in WAL mode a commit survives the process being killed (what the crash tests prove), only
    // not a power cut of the machine before the next checkpoint; FULL would wait for the disk on every commit.
    private readonly string _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
    private readonly ConditionalWeakTable<object, object> _prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            _prepared.TryAdd(handle, handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection, out var handle))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _prepared.TryAdd(handle, handle);
        }
    }

    private bool IsNew(DbConnection connection, out object handle)
    {
        handle = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("an open SQLite connection has no handle");
        return !_prepared.TryGetValue(handle, out _);
    }
}
