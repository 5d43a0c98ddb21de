using System.Data.Common;
using Microsoft.Data.Sqlite;
using MixNMatchttp.Auth;
using MixNMatchttp.Storage.Sql;
using Npgsql;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>The rows a server left in a users database (default table names), read with plain SQL beside it: what a
/// crash must not have broken.</summary>
internal static class StoredDatabase
{
    /// <summary>Asserts that the database is whole: for SQLite <c>PRAGMA integrity_check</c> and
    /// <c>foreign_key_check</c>; for both, no role link to a missing user or role, and every user with a password hash
    /// the hasher can read.</summary>
    public static async Task AssertConsistentAsync(string url)
    {
        if (DatabaseUrl.Parse(url).Provider == SqlProvider.Sqlite)
        {
            Assert.Equal<string?>(["ok"], (await QueryAsync(url, "PRAGMA integrity_check")).Select(row => row[0] as string));
            Assert.Empty(await QueryAsync(url, "PRAGMA foreign_key_check"));
        }

        Assert.Empty(await QueryAsync(url, """
            SELECT link.user_id, link.role_id FROM user_roles link
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = link.user_id)
               OR NOT EXISTS (SELECT 1 FROM roles r WHERE r.id = link.role_id)
            """));
        var users = await QueryAsync(url, "SELECT name, password_hash FROM users");
        Assert.NotEmpty(users);
        Assert.All(users, user => Assert.True(
            user[1] is string { Length: > 0 } hash && PasswordHasher.Identify(hash) is not null,
            $"the user '{user[0]}' has no readable password hash: '{user[1]}'"));
    }

    /// <summary>The roles of a user, sorted.</summary>
    public static async Task<List<string>> RolesAsync(string url, string username) =>
        [.. (await QueryAsync(url, """
            SELECT r.name FROM user_roles link JOIN users u ON u.id = link.user_id JOIN roles r ON r.id = link.role_id
            WHERE u.name = @name ORDER BY r.name
            """, username)).Select(row => (string)row[0]!)];

    /// <summary>The rows of <paramref name="sql"/>, with <paramref name="name"/> as its <c>@name</c> parameter.</summary>
    private static async Task<List<object?[]>> QueryAsync(string url, string sql, string? name = null)
    {
        await using var connection = Connect(DatabaseUrl.Parse(url));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(value => value is DBNull ? null : value)]);
        }

        return rows;
    }

    private static DbConnection Connect(DatabaseUrl url) => url.Provider == SqlProvider.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder(url.ConnectionString) { Pooling = false }.ConnectionString)
        : new NpgsqlConnection(url.ConnectionString);
}
