using System.Net;
using MixNMatchttp.Files;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Storage.Tests.Sql;

/// <summary>The auth module on a SQLite storage, through HTTP: what a restart used to forget, it now keeps.</summary>
public sealed class SqliteAuthTests : IDisposable
{
    private const string Password = "Str0ng!Passw0rd";
    private readonly TempDirectory _directory = new();

    public SqliteAuthTests()
    {
        _directory.File("root/secret/file.txt", "top secret");
    }

    public void Dispose() => _directory.Dispose();

    private string Url => "sqlite:///" + Path.Join(_directory.Path, "auth.db");

    /// <summary>A server with cookie auth on the storage, /secret protected, cheap hashing.</summary>
    private async Task<TestHost> StartAsync(SqlStorage storage)
    {
        var options = new AuthOptions
        {
            PasswordHashing = new PasswordHashingOptions { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 1000 },
            RateLimit = new RateLimitOptions { PermitsPerSecond = 0 },
        }.UseSqlStorage(storage);
        options.ProtectedPaths.Add("secret");
        return await TestHost.StartAsync(new CookieAuth(options), new StaticFiles(new() { Root = Path.Join(_directory.Path, "root") }));
    }

    private static FormUrlEncodedContent Credentials(string username, string password) => new([new("username", username), new("password", password)]);

    private static string Session(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SESSION=", StringComparison.Ordinal)).Split(';')[0];

    private static Task<HttpResponseMessage> GetAsync(TestHost host, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task RegisteredUsers_AndTheirSessions_OutliveARestart()
    {
        string session;
        await using (var storage = await SqlStorage.OpenAsync(Url))
        await using (var host = await StartAsync(storage))
        {
            var registered = await host.Client.PostAsync("/register", Credentials("bob", Password));
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
            session = Session(registered);
            Assert.Equal("top secret", await (await GetAsync(host, "/secret/file.txt", session)).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/register", Credentials("bob", "An0ther!Passw0rd"))).StatusCode);
        }

        await using (var storage = await SqlStorage.OpenAsync(Url))
        await using (var host = await StartAsync(storage))
        {
            // The session made before the restart still opens the file, and the user still logs in.
            Assert.Equal("top secret", await (await GetAsync(host, "/secret/file.txt", session)).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", Credentials("bob", "Wr0ng!Passw0rd"))).StatusCode);
            var login = await host.Client.PostAsync("/login", Credentials("bob", Password));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/secret/file.txt", Session(login))).StatusCode);

            // Logging out ends the old session in the database; the new one stays.
            Assert.Equal(2, await SessionsOfAsync("bob"));
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/logout", session)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(host, "/secret/file.txt", session)).StatusCode);
            Assert.Equal(1, await SessionsOfAsync("bob"));
        }
    }

    private async Task<long> SessionsOfAsync(string username)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Join(_directory.Path, "auth.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions WHERE username = $name";
        command.Parameters.AddWithValue("$name", username);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
