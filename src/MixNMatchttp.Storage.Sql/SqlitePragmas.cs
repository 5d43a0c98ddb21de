using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Sets the per-connection SQLite settings each time EF Core opens a connection: how long SQLite itself waits
/// for another writer, finely, before Microsoft.Data.Sqlite's coarser retries (bounded by the connection string's
/// Default Timeout, the same time) take over; and how often to wait for the disk. Foreign keys are on through the connection string; WAL mode is a property
/// of the file, set once.</summary>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    // synchronous = NORMAL: in WAL mode a commit survives the process being killed (what the crash tests prove), only
    // not a power cut of the machine before the next checkpoint; FULL would wait for the disk on every commit.
    private readonly string _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
