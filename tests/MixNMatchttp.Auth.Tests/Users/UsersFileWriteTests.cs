using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>With a users file, registrations and password changes are written back to it, so neither a reload of
/// the file (the one the write causes included) nor a restart undoes them.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsersFileWriteTests
{
    private const string BobOld = "B0b!Passw0rd";
    private const string BobNew = "N3w!B0bPassw0rd";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static AuthOptions Options(string file, bool hashed = false)
    {
        var options = CookieHost.CheapOptions();
        options.UsersFile = file;
        options.UsersFileHashed = hashed;
        return options;
    }

    private static async Task<HttpStatusCode> LoginStatusAsync(CookieHost host, string username, string password) =>
        (await host.Client.PostAsync("/login", Form(("username", username), ("password", password)))).StatusCode;

    private static async Task ChangeBobsPasswordAsync(CookieHost host) =>
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/changepwd", Form(("username", "bob"), ("password", BobOld), ("new_password", BobNew)))).StatusCode);

    /// <summary>Waits for reloads until <paramref name="done"/> holds.</summary>
    private static async Task ReloadUntilAsync(CookieHost host, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the users file was not reloaded in time");
            var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host.Auth.UsersFile!.Loaded += _ => loaded.TrySetResult();
            await Task.WhenAny(loaded.Task, Task.Delay(500));
        }
    }

    [Fact]
    public async Task AChangedPassword_SurvivesAReloadOfTheUsersFile()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", $"# users\nbob:{BobOld}:staff, dev\ncarol:C4rol!Passw0rd\n");
        await using var host = await CookieHost.StartAsync(Options(file));

        await ChangeBobsPasswordAsync(host);
        Assert.Matches(@"^bob:\{hash\}\$pbkdf2-sha256\$[^:\n]+:staff, dev$", File.ReadAllLines(file)[1]);

        // An edit of another line reloads the file (after the reload the change itself caused).
        await File.WriteAllTextAsync(file, File.ReadAllText(file).Replace("carol:C4rol!Passw0rd", "carol:N3w!C4rolPassw0rd", StringComparison.Ordinal));
        // The test's own write is not atomic, so a reload may read the file half-written (carol missing) before the last one.
        await ReloadUntilAsync(host, async () => await host.Auth.Users.FindAsync("carol", default) is { } carol && host.Auth.Hasher.Verify("N3w!C4rolPassw0rd", carol.PasswordHash));

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, "bob", BobNew));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(host, "bob", BobOld));
        Assert.Equal(["staff", "dev"], (await host.Auth.Users.FindAsync("bob", default))!.Roles);
    }

    [Fact]
    public async Task ARegisteredUserAndAChangedPassword_AreInTheFile_AndSurviveARestart()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", $"bob:{BobOld}");
        await using (var host = await CookieHost.StartAsync(Options(file)))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/register", Form(("username", "dave"), ("password", "D4ve!Passw0rd")))).StatusCode);
            await ChangeBobsPasswordAsync(host);
        }

        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("bob:{hash}$pbkdf2-sha256$", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("dave:{hash}$pbkdf2-sha256$", lines[1], StringComparison.Ordinal);

        await using var restarted = await CookieHost.StartAsync(Options(file));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(restarted, "dave", "D4ve!Passw0rd"));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(restarted, "bob", BobNew));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(restarted, "bob", BobOld));
    }

    [Fact]
    public async Task AHashedUsersFile_GetsTheNewHashAsItIs_AndKeepsItsPermissions()
    {
        using var dir = new TempDirectory();
        var hasher = new PasswordHasher(CookieHost.CheapOptions().PasswordHashing);
        var file = dir.File("users.txt", $"bob:{hasher.Hash(BobOld)}\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);
        await using (var host = await CookieHost.StartAsync(Options(file, hashed: true)))
        {
            await ChangeBobsPasswordAsync(host);
        }

        Assert.StartsWith("bob:$pbkdf2-sha256$", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(mode, File.GetUnixFileMode(file));
        await using var restarted = await CookieHost.StartAsync(Options(file, hashed: true));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(restarted, "bob", BobNew));
    }

    [Fact]
    public async Task AUsersFileThatIsNotUtf8_RefusesTheRegistration_RatherThanRewriteItsBytes()
    {
        using var dir = new TempDirectory();
        byte[] latin1 = [.. "# J"u8, 0xFC, .. "rgen's users\nbob:B0b!Passw0rd\n"u8];
        var file = dir.File("users.txt", latin1);
        await using var host = await CookieHost.StartAsync(Options(file));

        var answer = await host.Client.PostAsync("/register", Form(("username", "dave"), ("password", "D4ve!Passw0rd")));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal(latin1, File.ReadAllBytes(file));
        Assert.Null(await host.Auth.Users.FindAsync("dave", default));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, "bob", BobOld));
    }

    [Fact]
    public async Task AnUnwritableUsersFile_RefusesTheRegistration_AndCreatesNobody()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", $"bob:{BobOld}\n");
        await using var host = await CookieHost.StartAsync(Options(file));

        // A directory where the file was: it can be neither read nor replaced (whoever runs the tests, root included).
        File.Delete(file);
        Directory.CreateDirectory(file);
        var answer = await host.Client.PostAsync("/register", Form(("username", "dave"), ("password", "D4ve!Passw0rd")));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Null(await host.Auth.Users.FindAsync("dave", default));
        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("Cannot write the users file", StringComparison.Ordinal));
    }
}
