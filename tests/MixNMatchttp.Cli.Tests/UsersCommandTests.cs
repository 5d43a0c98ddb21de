using System.Net;

namespace MixNMatchttp.Cli.Tests;

/// <summary><c>mixnmatchttp users …</c> and <c>--add-users</c>, run as a user runs them.</summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task Add_List_Passwd_Remove_EditTheFile_AndTheServerLogsTheUserIn()
    {
        using var dir = new TempDirectory();
        var file = Path.Join(dir.Path, "users.txt");

        var add = await CliProcess.RunAsync(dir.Path, "Str0ng-Passw0rd\n", CliProcess.NoEnvironment, "users", "add", file, "alice", "--roles", "admin, dev");
        Assert.Equal((0, "added alice"), (add.ExitCode, add.Output.Trim()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        var random = await CliProcess.RunAsync(dir.Path, "\n", CliProcess.NoEnvironment, "users", "add", file, "bob", "--hash-type", "sha512_crypt");
        Assert.Equal(0, random.ExitCode);
        Assert.Matches("^added bob with the password [A-Za-z0-9._-]{16,}$", random.Output.Trim());

        var list = await CliProcess.RunAsync(dir.Path, "users", "list", file);
        Assert.Equal("alice\targon2id\tadmin,dev\nbob\tsha512_crypt\t\n", list.Output.ReplaceLineEndings("\n"));

        await using (var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--userfile", file))
        {
            using var client = new HttpClient { BaseAddress = cli.Url };
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/login", Form("alice", "Str0ng-Passw0rd"))).StatusCode);
        }

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "N3w-Passw0rd!\n", CliProcess.NoEnvironment, "users", "passwd", file, "alice")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "users", "remove", file, "bob")).ExitCode);
        Assert.Equal("alice\targon2id\tadmin,dev", (await CliProcess.RunAsync(dir.Path, "users", "list", file)).Output.Trim());

        await using (var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--userfile", file))
        {
            using var client = new HttpClient { BaseAddress = cli.Url };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/login", Form("alice", "Str0ng-Passw0rd"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/login", Form("alice", "N3w-Passw0rd!"))).StatusCode);
        }
    }

    [Fact]
    public async Task APlaintextFile_GetsPlaintextPasswords()
    {
        using var dir = new TempDirectory();
        var file = Path.Join(dir.Path, "plain.txt");
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "Str0ng-Passw0rd\n", CliProcess.NoEnvironment, "users", "add", file, "carol", "--userfile-plain")).ExitCode);
        Assert.Equal("carol:Str0ng-Passw0rd", File.ReadAllText(file).Trim());
    }

    [Theory]
    [InlineData("users add FILE", 2, "users add: needs a USERNAME after the file")]
    [InlineData("users frob FILE", 2, "users: unknown action 'frob': add, remove, passwd, list or import")]
    [InlineData("users import FILE", 2, "users import: needs --users-dburl URL")]
    [InlineData("users import FILE --users-dburl redis://127.0.0.1", 2, "--users-dburl: needs an SQL database URL")]
    [InlineData("users remove FILE nobody", 1, "there is no user 'nobody'")]
    [InlineData("users add FILE dave --hash-type md6", 2, "--hash-type")]
    [InlineData("users add FILE bad:name", 1, "user name")]
    public async Task BadUse_IsOneErrorLine(string commandLine, int code, string message)
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", "# users\n");
        var (exitCode, _, errors) = await CliProcess.RunAsync(dir.Path, "Str0ng-Passw0rd\n", CliProcess.NoEnvironment, [.. commandLine.Replace("FILE", file, StringComparison.Ordinal).Split(' ')]);
        Assert.Equal(code, exitCode);
        Assert.StartsWith("mixnmatchttp: error: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.Equal("# users\n", File.ReadAllText(file));
    }

    [Fact]
    public async Task AddUsers_PromptsBeforeStarting_AndThoseUsersLogIn()
    {
        using var dir = new TempDirectory();
        await using var cli = await CliProcess.StartAsync(dir.Path, "alice\nStr0ng-Passw0rd\nadmin\nbob\n\n\n\n", CliProcess.NoEnvironment, "-p", "0", "--add-users");
        Assert.Contains("Created user alice", cli.Output, StringComparison.Ordinal);
        Assert.Matches("Created user bob with the password [A-Za-z0-9._-]{16,}", cli.Output);
        using var client = new HttpClient { BaseAddress = cli.Url };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/login", Form("alice", "Str0ng-Passw0rd"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/login", Form("alice", "wrong"))).StatusCode);
    }

    private static FormUrlEncodedContent Form(string username, string password) => new(new Dictionary<string, string> { ["username"] = username, ["password"] = password });
}
