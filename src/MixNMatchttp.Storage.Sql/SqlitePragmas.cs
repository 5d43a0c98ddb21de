using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Sets the per-connection SQLite settings each time EF Core opens a connection: how long to wait for another
/// writer (foreign keys are on through the connection string; WAL mode is a property of the file, set once).</summary>
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";

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
