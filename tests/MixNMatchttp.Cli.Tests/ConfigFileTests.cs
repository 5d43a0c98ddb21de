using System.Net;
using System.Text.Json.Nodes;
using static MixNMatchttp.Cli.Tests.CliServer;

namespace MixNMatchttp.Cli.Tests;

/// <summary><c>-c FILE</c> and <c>--save-config</c>: the file's settings apply, the command line wins, <c>${VAR}</c> is
/// expanded when read and kept when written, and every bad file is one problem line.</summary>
public sealed class ConfigFileTests
{
    private const string Evil = "http://evil.test";

    [Fact]
    public async Task TheFilesSettingsApply_AndTheCommandLineWins()
    {
        await using var server = await StartAsync(
            dir =>
            {
                dir.File("config.json", """{ "enable-cors": true, "headers": ["X-From-File: 1"], "index": "start.html", "listing": false }""");
                dir.File("app/start.html", "<p>start</p>");
                dir.File("other/a.txt", "a");
            },
            "-c", "config.json", "-H", "X-From-Cli: 2", "--listing");

        using var answer = await server.SendAsync(HttpMethod.Get, "/hello.txt", Evil);

        Assert.Equal("*", Header(answer, "Access-Control-Allow-Origin"));
        Assert.Equal("2", Header(answer, "X-From-Cli"));
        Assert.Null(Header(answer, "X-From-File"));
        Assert.Equal("<p>start</p>", await server.Client.GetStringAsync("/app/"));
        Assert.Contains("href=\"a.txt\"", await server.Client.GetStringAsync("/other/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_AreExpandedFromTheEnvironment_AndDoubleDollarIsADollar()
    {
        await using var server = await StartAsync(
            dir => dir.File("config.json", """{ "headers": ["X-Token: ${MNM_TEST_TOKEN}", "X-Price: $$5", "X-Both: ${MNM_TEST_TOKEN}$${MNM_TEST_TOKEN}"] }"""),
            new Dictionary<string, string> { ["MNM_TEST_TOKEN"] = "abc" },
            "-c", "config.json");

        using var answer = await server.SendAsync(HttpMethod.Get, "/hello.txt");

        Assert.Equal("abc", Header(answer, "X-Token"));
        Assert.Equal("$5", Header(answer, "X-Price"));
        Assert.Equal("abc${MNM_TEST_TOKEN}", Header(answer, "X-Both"));
    }

    [Fact]
    public async Task TheOriginalsUnderscoredNames_Work()
    {
        await using var server = await StartAsync(
            dir => dir.File("config.json", """
                {
                  "cors": true, "cors_origins": ["http://evil.test"], "cors_creds": true,
                  "cors_headers": ["X-Foo"], "cors_methods": ["GET"], "path_prefix": "/app"
                }
                """),
            "-c", "config.json");

        using var answer = await server.SendAsync(HttpMethod.Get, "/app/hello.txt", Evil);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Evil, Header(answer, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(answer, "Access-Control-Allow-Credentials"));
        Assert.Equal("X-Foo", Header(answer, "Access-Control-Allow-Headers"));
        Assert.Equal("GET", Header(answer, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task NoSslForegroundAndHashTypeWithoutAValue_OverrideTheFile()
    {
        await using var server = await StartAsync(
            dir =>
            {
                dir.File("config.json", """{ "ssl": true, "daemonize": true, "userfile": "users.txt", "userfile_hash_type": "sha256" }""");
                dir.File("users.txt", "alice:Correct-Horse-9\n");
            },
            "-c", "config.json", "--no-ssl", "-f", "--hash-type");

        using var login = await server.Client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "Correct-Horse-9" }));

        Assert.Equal("http", server.Cli.Url.Scheme);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData("MNM_TEST_MISSING_VARIABLE", """{ "index": "${MNM_TEST_MISSING_VARIABLE}" }""")]
    [InlineData("'prot'", """{ "prot": 8080 }""")]
    [InlineData("'config'", """{ "config": "other.json" }""")]
    [InlineData("'save-config'", """{ "save-config": true }""")]
    [InlineData("not valid JSON", """{ "port": 0, """)]
    [InlineData("not valid JSON", "\u00ff{}")]
    [InlineData("not valid JSON", """{ "port": 0, "port": 1 }""")]
    [InlineData("sets --port twice", """{ "Port": 0, "port": 1 }""")]
    [InlineData("sets --enable-cors twice", """{ "cors": true, "enable_cors": false }""")]
    [InlineData("must hold a JSON object", "[1]")]
    [InlineData("must hold a JSON object", "null")]
    [InlineData("'\\x1b[2J'", "{ \"\\u001b[2J\": 1 }")]
    [InlineData("--index: expected a text value", """{ "index": true }""")]
    [InlineData("--log-keep: expected a whole number", """{ "log_keep": 5.5 }""")]
    [InlineData("--headers: expected a list", """{ "headers": [1] }""")]
    [InlineData("--listing: expected true or false", """{ "listing": "yes" }""")]
    [InlineData("--lockout: expected N/WINDOW", """{ "lockout": "\u001b[2J" }""")]
    public async Task ABadFile_IsOneProblemLine(string named, string content)
    {
        using var dir = new TempDirectory();
        dir.File("config.json", content);

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-c", "config.json", "-p", "0"), named);
    }

    [Fact]
    public async Task AMissingFile_IsOneProblemLine()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-c", "missing.json", "-p", "0"), "--config: cannot read 'missing.json'");
    }

    [Fact]
    public async Task SaveConfig_WritesTheCommandLineOverTheFile_KeepingVariables_AndNothingFromTheEnvironment()
    {
        using var dir = new TempDirectory();
        var config = dir.File("config.json", """{ "port": "${MNM_TEST_PORT}", "headers": ["X-A: 1"], "index": "start.html" }""");
        dir.File("users.txt", "alice:Correct-Horse-9\n");
        var environment = new Dictionary<string, string>
        {
            ["MNM_TEST_PORT"] = "0",
            ["MIXNMATCHTTP_JWT_KEY"] = "a lab secret of at least thirty-two bytes",
        };

        await using var cli = await CliProcess.StartAsync(dir.Path, null, environment,
            "-c", "config.json", "--save-config", "--cors", "-H", "X-B: 2", "--auth", "jwt", "--userfile", "users.txt", "--userfile-plain");
        using var client = new HttpClient { BaseAddress = cli.Url };
        using var answer = await client.GetAsync("/");

        var saved = Assert.IsType<JsonObject>(JsonNode.Parse(await File.ReadAllTextAsync(config)));
        Assert.Equal(
            ["port", "headers", "index", "enable-cors", "allowed-origins", "auth", "userfile", "userfile-hashed"],
            saved.Select(setting => setting.Key));
        Assert.Equal("${MNM_TEST_PORT}", (string?)saved["port"]);
        Assert.Equal("""["X-B: 2"]""", saved["headers"]!.ToJsonString());
        Assert.Equal("start.html", (string?)saved["index"]);
        Assert.True((bool?)saved["enable-cors"]);
        Assert.Equal("""["{ECHO}"]""", saved["allowed-origins"]!.ToJsonString());
        Assert.Equal("jwt", (string?)saved["auth"]);
        Assert.Equal("users.txt", (string?)saved["userfile"]);
        Assert.False((bool?)saved["userfile-hashed"]);
        Assert.Equal("2", answer.Headers.GetValues("X-B").Single());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SaveConfig_CreatesAPrivateFile()
    {
        await using var server = await StartAsync("-c", "new.json", "--save-config", "--cache");

        var path = Path.Join(server.Dir.Path, "new.json");
        var saved = Assert.IsType<JsonObject>(JsonNode.Parse(await File.ReadAllTextAsync(path)));
        Assert.Equal("""{"port":"0","cache":true}""", saved.ToJsonString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task SaveConfig_DoesNotTouchAFileWithProblems()
    {
        using var dir = new TempDirectory();
        const string content = """{ "prot": 8080 }""";
        var config = dir.File("config.json", content);

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-c", "config.json", "--save-config", "-p", "0"), "'prot'");
        Assert.Equal(content, await File.ReadAllTextAsync(config));
    }

    [Fact(Skip = "bug: CommandLine.Settings saves before the settings are checked, so the file keeps \"port\": \"abc\" and every later run with it fails")]
    public async Task SaveConfig_DoesNotSaveABadValue()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-c", "config.json", "--save-config", "-p", "abc"), "--port");
        Assert.False(File.Exists(Path.Join(dir.Path, "config.json")));
    }
}
