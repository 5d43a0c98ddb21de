using System.Net;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>The store options of the command: <c>users import</c> into a database, users and sessions that outlive a
/// restart, the database file never served, and one clear line for a bad or unreachable store.</summary>
[Collection(SharedStoreServers.Name)]
public sealed class StoreOptionTests(StoreServers servers)
{
    private const string Password = "Imp0rt!Passw0rd";

    [Fact]
    public async Task UsersImport_CopiesAUsersFileIntoADatabase_ThatTheServerLogsInAgainst()
    {
        using var dir = new TempDirectory();
        dir.File("users.txt", $"# the lab's users\nalice:{Password}:admin\nbob:{{hash}}not-a-hash\n");
        var database = await servers.NewPostgresDatabaseAsync();

        var import = await CliProcess.RunAsync(dir.Path, "users", "import", "users.txt", "--userfile-plain", "--users-dburl", database);

        Assert.Equal(0, import.ExitCode);
        Assert.StartsWith("imported 1 user(s) into postgresql://postgres:***@127.0.0.1:", import.Output, StringComparison.Ordinal);
        Assert.Contains("1 left out", import.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", import.Output + import.Errors, StringComparison.Ordinal);
        await using var server = await CliServer.StartAsync(d => d.File("secret/data.txt", "the secret"), "--auth", "cookie", "--users-dburl", database);
        Assert.Contains($"  stores: users in postgresql://postgres:***@127.0.0.1:{servers.Postgres.Port}/", server.Cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", server.Cli.Output, StringComparison.Ordinal);
        using var login = await server.Client.PostAsync("/login", Forms.Of(("username", "alice"), ("password", Password)));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var wrong = await server.Client.PostAsync("/login", Forms.Of(("username", "bob"), ("password", "not-a-hash")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task UsersImport_FromTheEnvironment_AndAgain_ReplacesUsersOfTheSameName()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["MIXNMATCHTTP_USERS_DBURL"] = "sqlite:///users.db" };
        dir.File("users.txt", $"carol:{Password}\n");
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "users", "import", "users.txt", "--userfile-plain")).ExitCode);
        dir.File("users.txt", "carol:N3w!Passw0rd-x:editor\n");
        var again = await CliProcess.RunAsync(dir.Path, null, environment, "users", "import", "users.txt", "--userfile-plain");

        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("imported 1 user(s) into sqlite:", again.Output, StringComparison.Ordinal);
        await using var server = await CliProcess.StartAsync(dir.Path, "-p", "0", "--auth", "cookie", "--users-dburl", "sqlite:///users.db");
        using var client = new HttpClient { BaseAddress = server.Url };
        using var old = await client.PostAsync("/login", Forms.Of(("username", "carol"), ("password", Password)));
        using var current = await client.PostAsync("/login", Forms.Of(("username", "carol"), ("password", "N3w!Passw0rd-x")));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task ASqliteDatabaseInTheDocumentRoot_IsNeverServed()
    {
        await using var server = await CliServer.StartAsync("--auth", "cookie", "--users-dburl", "sqlite:///users.db", "--sessions-dburl", "sqlite:///users.db");
        using var register = await server.Client.PostAsync("/register", Forms.Of(("username", "dave"), ("password", Password)));
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        foreach (var file in new[] { "/users.db", "/users.db-wal", "/users.db-shm" })
        {
            using var response = await server.Client.GetAsync(file);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{file}: {(int)response.StatusCode}");
        }

        var listing = await server.Client.GetStringAsync("/");
        Assert.DoesNotContain("users.db", listing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--users-dburl", "mysql://u:secret-pw@127.0.0.1/db")]
    [InlineData("--users-dburl", "sqlite://")]
    [InlineData("--users-dburl", "postgresql://u:secret-pw@127.0.0.1:99999/db")]
    [InlineData("--sessions-dburl", "redis://:secret-pw@127.0.0.1:notaport")]
    [InlineData("--sessions-dburl", "sqlite:///\u001b[2J.db")]
    public async Task ABadStoreUrl_IsOneUsageLine_WithoutThePassword(string option, string url)
    {
        using var dir = new TempDirectory();
        var line = UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p", "0", "--auth", "cookie", option, url), option);
        Assert.DoesNotContain("secret-pw", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--users-dburl", "postgresql://u:secret-pw@127.0.0.1:{PORT}/db")]
    [InlineData("--sessions-dburl", "redis://:secret-pw@127.0.0.1:{PORT}")]
    [InlineData("--lockout-url", "redis://127.0.0.1:{PORT}")]
    public async Task AnUnreachableStore_IsOneStartFailureLine_Exit1(string option, string url)
    {
        using var dir = new TempDirectory();
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nothing listens on

        var run = await CliProcess.RunAsync(dir.Path, "-p", "0", "--auth", "cookie", option, url.Replace("{PORT}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"mixnmatchttp: error: {option}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [A-Z]\w*\.\w+", line);
    }
}
