using System.Diagnostics;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Sql;

/// <summary>The fixture itself: it finds the binaries or says clearly why not, and leaves nothing running.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public void MissingBinaries_FailWithAClearMessage()
    {
        using var empty = new TempDirectory();
        var error = Assert.Throws<InvalidOperationException>(() => PostgresServer.FindBinaries(empty.Path, Path.Join(empty.Path, "postgresql")));
        Assert.StartsWith("PostgreSQL is not installed: initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binaries_AreFoundOnPath_ElseInTheNewestDebianVersion()
    {
        using var root = new TempDirectory();
        foreach (var version in new[] { "9", "15", "13" })
        {
            root.File($"lib/{version}/bin/initdb", "");
            root.File($"lib/{version}/bin/pg_ctl", "");
        }

        Assert.Equal(Path.Join(root.Path, "lib", "15", "bin"), PostgresServer.FindBinaries("/nonexistent", Path.Join(root.Path, "lib")));
        root.File("path/initdb", "");
        root.File("path/pg_ctl", "");
        Assert.Equal(Path.Join(root.Path, "path"), PostgresServer.FindBinaries($"/nonexistent{Path.PathSeparator}{Path.Join(root.Path, "path")}", Path.Join(root.Path, "lib")));
    }

    [Fact]
    public async Task Dispose_StopsTheServer_AndLeavesNoProcess()
    {
        var server = new PostgresServer();
        int pid;
        try
        {
            await server.InitializeAsync();
            pid = server.ServerProcessId ?? throw new InvalidOperationException("no postmaster.pid");
            Assert.Equal(1, (int)(await server.ScalarAsync("postgres", "SELECT 1"))!);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        Assert.Null(server.ServerProcessId);
    }
}
