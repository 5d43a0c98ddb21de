using System.Net;
using System.Net.Sockets;
using MixNMatchttp.Storage.Sql;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Sql;

[Collection(PostgresTests.Name)]
public sealed class PostgresStorageTests(PostgresServer server)
{
    private const string Database = "storage_tests";
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<long> CountAsync(string sql) => (long)(await server.ScalarAsync(Database, sql))!;

    [Fact]
    public async Task TwoSchemas_InOneDatabase_HoldTheirOwnTables_AndMigrationsHistory()
    {
        await server.CreateDatabaseAsync(Database);
        await using var one = await SqlStorage.OpenAsync(server.Url(Database), new SqlStorageOptions { Schema = "tenant_one" });
        await using var two = await SqlStorage.OpenAsync(server.Url(Database), new SqlStorageOptions { Schema = "tenant_two", TablePrefix = "mnm_" });
        Assert.True(await one.Users.TryCreateAsync(new UserRecord("alice", "one", ["admin"]), None));
        Assert.Null(await two.Users.FindAsync("alice", None));
        Assert.True(await two.Users.TryCreateAsync(new UserRecord("alice", "two", []), None));
        Assert.Equal("one", (await one.Users.FindAsync("alice", None))!.PasswordHash);

        Assert.Equal(6, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'tenant_one'"));
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'tenant_two' AND table_name LIKE 'mnm\\_%'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tenant_two.mnm_migrations_history"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tenant_one.user_roles"));
    }

    [Fact]
    public async Task SecondOpen_OfAMigratedDatabase_KeepsEverything_AndMigratesNothingAgain()
    {
        await server.CreateDatabaseAsync(Database);
        var options = new SqlStorageOptions { Schema = "reopened" };
        await using (var first = await SqlStorage.OpenAsync(server.Url(Database), options))
        {
            Assert.True(await first.Users.TryCreateAsync(new UserRecord("bob", "hash", ["r"]), None));
        }

        await using var second = await SqlStorage.OpenAsync(server.Url(Database), options);
        Assert.Equal(["r"], (await second.Users.FindAsync("bob", None))!.Roles);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM reopened.migrations_history"));
    }

    [Fact]
    public async Task ParallelOpens_OfAnEmptyDatabase_MigrateItOnce()
    {
        await server.CreateDatabaseAsync("parallel_opens");
        var storages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SqlStorage.OpenAsync(server.Url("parallel_opens"))));
        foreach (var storage in storages)
        {
            await storage.DisposeAsync();
        }

        Assert.Equal(1L, await server.ScalarAsync("parallel_opens", "SELECT count(*) FROM migrations_history"));
    }

    [Fact]
    public async Task AWrongPassword_IsOneClearLine_WithoutThePassword()
    {
        var url = server.Url("postgres", password: "wr0ng-s3cret");
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => SqlStorage.OpenAsync(url));
        Assert.Equal($"cannot open the database postgresql://postgres:***@127.0.0.1:{server.Port}/postgres: "
            + "the server said: password authentication failed for user \"postgres\" (28P01)", error.Message);
    }

    [Fact]
    public async Task AMissingDatabase_IsCreated_WhenTheUserMay()
    {
        await using var storage = await SqlStorage.OpenAsync(server.Url("created_on_open"));
        Assert.True(await storage.Users.TryCreateAsync(new UserRecord("carol", "h", []), None));
        Assert.Equal(1L, await server.ScalarAsync("created_on_open", "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task AnUnreachableServer_IsOneClearLine()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => SqlStorage.OpenAsync($"postgresql://u:s3cret@127.0.0.1:{closedPort}/db"));
        Assert.Equal($"cannot open the database postgresql://u:***@127.0.0.1:{closedPort}/db: cannot reach the server: Connection refused", error.Message);
    }
}
