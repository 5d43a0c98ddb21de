using Microsoft.Data.Sqlite;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Storage.Tests.Sql;

public sealed class SqliteStorageTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();

    private string File => Path.Join(_directory.Path, "users.db");

    private string Url => "sqlite:///" + File;

    public void Dispose() => _directory.Dispose();

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private Task<List<string>> TablesAsync() =>
        QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' ORDER BY name");

    [Fact]
    public async Task Open_OfAnEmptyFile_CreatesTheTablesAndIndexes_InWalMode()
    {
        await using (await SqlStorage.OpenAsync(Url))
        {
            Assert.Equal(["migrations_history", "revoked_tokens", "roles", "sessions", "user_roles", "users"], await TablesAsync());
            Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode"));
            Assert.Equal(["20261202004439_InitialSchema"], await QueryAsync("SELECT MigrationId FROM migrations_history"));
            Assert.Equal(
                ["ix_revoked_tokens_expires_at", "ix_roles_name", "ix_sessions_expires_at", "ix_sessions_family", "ix_sessions_username", "ix_user_roles_role_id", "ix_users_name"],
                await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix%' ORDER BY name"));
        }
    }

    [Fact]
    public async Task SecondOpen_OfAMigratedFile_KeepsEverything_AndMigratesNothingAgain()
    {
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        await using (var first = await SqlStorage.OpenAsync(Url))
        {
            Assert.True(await first.Users.TryCreateAsync(new UserRecord("alice", "hash", ["admin"]), None));
            await first.Sessions.CreateAsync(new SessionRecord("abc", "alice", expires), None);
            await first.RevokedTokens.RevokeAsync("jti-1", expires, None);
        }

        await using var second = await SqlStorage.OpenAsync(Url);
        Assert.Equal(new UserRecord("alice", "hash", ["admin"]).Roles, (await second.Users.FindAsync("alice", None))!.Roles);
        Assert.Equal(new SessionRecord("abc", "alice", expires), await second.Sessions.FindAsync("abc", None));
        Assert.True(await second.RevokedTokens.IsRevokedAsync("jti-1", None));
        Assert.Equal(["1"], await QueryAsync("SELECT count(*) FROM migrations_history"));
    }

    [Fact]
    public async Task TwoTablePrefixes_InOneFile_DoNotSeeEachOther()
    {
        await using var one = await SqlStorage.OpenAsync(Url, new SqlStorageOptions { TablePrefix = "one_" });
        await using var two = await SqlStorage.OpenAsync(Url, new SqlStorageOptions { TablePrefix = "two_" });
        Assert.True(await one.Users.TryCreateAsync(new UserRecord("alice", "one", ["r1"]), None));
        Assert.Null(await two.Users.FindAsync("alice", None));
        Assert.True(await two.Users.TryCreateAsync(new UserRecord("alice", "two", ["r2"]), None));
        Assert.Equal(("one", "r1"), ((await one.Users.FindAsync("alice", None))!.PasswordHash, (await one.Users.FindAsync("alice", None))!.Roles[0]));
        Assert.Equal("two", (await two.Users.FindAsync("alice", None))!.PasswordHash);
        await one.Sessions.CreateAsync(new SessionRecord("t", "alice", DateTimeOffset.UtcNow.AddHours(1)), None);
        Assert.Null(await two.Sessions.FindAsync("t", None));

        var tables = await TablesAsync();
        Assert.Equal(12, tables.Count);
        Assert.All(tables, table => Assert.True(table.StartsWith("one_", StringComparison.Ordinal) || table.StartsWith("two_", StringComparison.Ordinal), table));
        Assert.Contains("two_migrations_history", tables);
    }

    [Fact]
    public async Task ParallelWriters_ThreeStoragesAndASecondProcess_LoseNothing_AndLeaveTheFileIntact()
    {
        await using (await SqlStorage.OpenAsync(Url))
        {
        }

        const int PerWriter = 150;
        using var second = SecondProcess.Start(Url, "other-", PerWriter);
        var storages = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SqlStorage.OpenAsync(Url)));
        try
        {
            // Eight writers per storage at once (the auth module's hashing limit keeps a server's registrations fewer).
            var created = 0;
            await Task.WhenAll(storages.Select((storage, s) => Parallel.ForAsync(0, PerWriter, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var name = $"user-{s}-{i}";
                if (await storage.Users.TryCreateAsync(new UserRecord(name, "h", i % 2 == 0 ? ["even", "role" + s] : []), None))
                {
                    Interlocked.Increment(ref created);
                }

                await storage.Sessions.CreateAsync(new SessionRecord(StoreTokens.Hash(), name, DateTimeOffset.UtcNow.AddHours(1)), None);
            })));
            Assert.Equal(3 * PerWriter, created);
            await second.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(second.ExitCode == 0, await second.StandardError.ReadToEndAsync());
        }
        finally
        {
            foreach (var storage in storages)
            {
                await storage.DisposeAsync();
            }
        }

        Assert.Equal(["ok"], await QueryAsync("PRAGMA integrity_check"));
        Assert.Equal(["ok"], await QueryAsync("PRAGMA foreign_key_check") is [] ? ["ok"] : ["foreign key violations"]);
        Assert.Equal([(4 * PerWriter).ToString(System.Globalization.CultureInfo.InvariantCulture)], await QueryAsync("SELECT count(*) FROM users"));
        Assert.Equal([(3 * PerWriter).ToString(System.Globalization.CultureInfo.InvariantCulture)], await QueryAsync("SELECT count(*) FROM sessions"));
        Assert.Equal(["even", "role0", "role1", "role2", "second"], await QueryAsync("SELECT name FROM roles ORDER BY name"));
    }

    [Fact]
    public async Task AWriter_WaitsForAnotherConnectionsTransaction_WithinTheBusyTimeout()
    {
        await using var storage = await SqlStorage.OpenAsync(Url);
        await using var blocker = new SqliteConnection($"Data Source={File};Pooling=False");
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var insert = blocker.CreateCommand())
        {
            insert.CommandText = "INSERT INTO users (name, password_hash) VALUES ('blocker', 'h')";
            await insert.ExecuteNonQueryAsync();
        }

        // Microsoft.Data.Sqlite waits synchronously: the store is called from another thread.
        var create = Task.Run(async () => await storage.Users.TryCreateAsync(new UserRecord("waiter", "h", []), None));
        await Task.Delay(700);
        Assert.False(create.IsCompleted);
        await transaction.CommitAsync();
        Assert.True(await create.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.NotNull(await storage.Users.FindAsync("blocker", None));
    }

    [Fact]
    public async Task AWriter_GivesUp_AfterTheBusyTimeout_WithTheDatabaseError()
    {
        await using var storage = await SqlStorage.OpenAsync(Url, new SqlStorageOptions { BusyTimeout = TimeSpan.FromSeconds(1) });
        await using var blocker = new SqliteConnection($"Data Source={File};Pooling=False");
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SqliteException>(() => Task.Run(async () => await storage.Users.TryCreateAsync(new UserRecord("late", "h", []), None)));
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task AMissingDirectory_IsOneClearLine()
    {
        var url = "sqlite:///" + Path.Join(_directory.Path, "missing", "users.db");
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => SqlStorage.OpenAsync(url));
        Assert.Equal($"cannot open the database {url}: the directory {Path.Join(_directory.Path, "missing")} does not exist", error.Message);
    }

    [Fact]
    public async Task AFileThatIsNotADatabase_IsOneClearLine()
    {
        await System.IO.File.WriteAllTextAsync(File, new string('x', 8192));
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => SqlStorage.OpenAsync(Url));
        Assert.StartsWith($"cannot open the database {Url}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("file is not a database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("bad-prefix", null, "the table prefix must be at most 30 letters, digits and '_'")]
    [InlineData("prefix_that_is_far_too_long_for_it_", null, "the table prefix must be at most 30 letters, digits and '_'")]
    [InlineData("x\"; DROP TABLE users; --", null, "the table prefix must be at most 30 letters, digits and '_'")]
    [InlineData("", "auth", "a schema name applies to PostgreSQL only (SQLite databases have none: use a table prefix)")]
    [InlineData("", null, "the SQLite busy timeout must be more than 0 and at most 10 minutes", 0)]
    [InlineData("", null, "the SQLite busy timeout must be more than 0 and at most 10 minutes", 601)]
    public async Task BadOptions_AreOneClearLine(string prefix, string? schema, string expected, int busySeconds = 5)
    {
        var options = new SqlStorageOptions { TablePrefix = prefix, Schema = schema, BusyTimeout = TimeSpan.FromSeconds(busySeconds) };
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => SqlStorage.OpenAsync(Url, options));
        Assert.Equal(expected, error.Message);
        Assert.False(System.IO.File.Exists(File));
    }
}

/// <summary>Token hashes as the stores see them.</summary>
internal static class StoreTokens
{
    public static string Hash() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
