using MixNMatchttp.Auth.Tests.Cookie;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>A plaintext users file gets the password policy at load (a setting, on by default); a refused line is
/// reported with its line number and the other users load.</summary>
public sealed class UsersFilePolicyTests
{
    private const string Lines = "# users\nweak:password\nbob:B0b!Passw0rd:staff\nshort:Ab1!\n";

    [Fact]
    public async Task PlaintextUsersFile_RefusesPasswordsThatFailThePolicy_ReportingTheirLineNumbers()
    {
        using var dir = new TempDirectory();
        var options = CookieHost.CheapOptions();
        options.UsersFile = dir.File("users.txt", Lines);
        await using var host = await CookieHost.StartAsync(options);

        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("users.txt:2: the password of 'weak' does not meet the password policy", StringComparison.Ordinal));
        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("users.txt:4: the password of 'short' does not meet the password policy", StringComparison.Ordinal));
        Assert.Null(await host.Auth.Users.FindAsync("weak", default));
        Assert.Null(await host.Auth.Users.FindAsync("short", default));
        Assert.NotNull(await host.LoginAsync("bob", "B0b!Passw0rd"));
    }

    [Fact]
    public async Task PlaintextUsersFile_WithThePolicyTurnedOff_LoadsWeakPasswords()
    {
        using var dir = new TempDirectory();
        var options = CookieHost.CheapOptions();
        options.UsersFile = dir.File("users.txt", Lines);
        options.UsersFilePasswordPolicy = false;
        await using var host = await CookieHost.StartAsync(options);

        Assert.NotNull(await host.LoginAsync("weak", "password"));
        Assert.NotNull(await host.LoginAsync("short", "Ab1!"));
    }
}
