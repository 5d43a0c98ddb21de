using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace MixNMatchttp.Auth.Tests.Cookie;

public sealed class UsersAndConcurrencyTests
{
    private static FormUrlEncodedContent Credentials(string username, string password) =>
        new([new("username", username), new("password", password)]);

    [Fact]
    public async Task UsersFile_LoadsGoodLines_ReportsBadOnes_AndReloadsOnChange()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", "bob:B0b!Passw0rd:staff\nbroken line\ncarol:C4rol!Passw0rd\n");
        var options = CookieHost.CheapOptions();
        options.UsersFile = file;
        await using var host = await CookieHost.StartAsync(options);
        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("users.txt:2:", StringComparison.Ordinal));
        Assert.NotNull(await host.LoginAsync("bob", "B0b!Passw0rd"));
        Assert.Equal(["staff"], (await host.Auth.Users.FindAsync("bob", default))!.Roles);
        Assert.StartsWith("$pbkdf2-sha256$", (await host.Auth.Users.FindAsync("bob", default))!.PasswordHash, StringComparison.Ordinal);

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Auth.UsersFile!.Loaded += _ => reloaded.TrySetResult();
        await File.WriteAllTextAsync(file, "carol:N3w!Passw0rdXX\n");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var carol = await host.Auth.Users.FindAsync("carol", default);
        Assert.Empty(carol!.Roles);
        Assert.True(host.Auth.Hasher.Verify("N3w!Passw0rdXX", carol.PasswordHash));
        Assert.Null(await host.Auth.Users.FindAsync("bob", default));
        Assert.NotNull(await host.LoginAsync("carol", "N3w!Passw0rdXX"));
        Assert.NotNull(await host.LoginAsync("alice", CookieHost.Password));
    }

    [Fact]
    public async Task HashedUsersFile_AcceptsLegacyHashes_AndUpgradesThemOnLogin()
    {
        using var dir = new TempDirectory();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Legacy!Passw0rd")));
        var file = dir.File("users.txt", $"old:{sha256}\nplain:not-a-hash\n");
        var options = CookieHost.CheapOptions();
        options.UsersFile = file;
        options.UsersFileHashed = true;
        await using var host = await CookieHost.StartAsync(options);
        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("'plain' is not a hash", StringComparison.Ordinal));
        Assert.NotNull(await host.LoginAsync("old", "Legacy!Passw0rd"));
        Assert.StartsWith("$pbkdf2-sha256$", (await host.Auth.Users.FindAsync("old", default))!.PasswordHash, StringComparison.Ordinal);
        Assert.NotNull(await host.LoginAsync("old", "Legacy!Passw0rd"));
    }

    [Fact]
    public async Task MissingUsersFile_IsAStartupError()
    {
        var options = CookieHost.CheapOptions();
        options.UsersFile = "/nonexistent/users.txt";
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => CookieHost.StartAsync(options));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelLoginsAndLogouts_LeaveNoSharedNorOrphanedSessions()
    {
        var options = CookieHost.CheapOptions();
        options.Lockout = new LockoutOptions { MaxFailures = 0 };
        await using var host = await CookieHost.StartAsync(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tokens = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            var login = await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password), timeout.Token);
            var token = CookieHost.SessionToken(login)!;
            Assert.Equal("secret for alice", await (await host.GetAsync("/api/secret", token)).Content.ReadAsStringAsync(timeout.Token));
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/logout", token)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/secret", token)).StatusCode);
            return token;
        }));
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        Assert.Equal(0, ((MemorySessionStore)host.Auth.Sessions).Count);
    }
}
