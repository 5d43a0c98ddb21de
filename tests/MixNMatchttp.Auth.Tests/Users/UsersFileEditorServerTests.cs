using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;
using MixNMatchttp.Auth.Tests.Passwords;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>A users file written by the editor loads in the server, hashed or plaintext, and its users log in with
/// their roles, whatever the hash type.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsersFileEditorServerTests
{
    private static readonly PasswordHasher Hasher = new(TestOptions.Cheap());

    private static async Task<HttpStatusCode> LoginStatusAsync(CookieHost host, string username, string password) =>
        (await host.Client.PostAsync("/login", CookieHost.Credentials(username, password))).StatusCode;

    private static async Task<CookieHost> StartAsync(string path, bool hashed)
    {
        var options = CookieHost.CheapOptions();
        options.UsersFile = path;
        options.UsersFileHashed = hashed;
        options.Lockout.MaxFailures = 0; // the tests try a wrong password for many users from one address
        return await CookieHost.StartAsync(options);
    }

    [Fact]
    public async Task AHashedFileWrittenByTheEditor_LoadsInTheServer_AndEveryUserLogsIn()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = UsersFileEditor.Open(path, hashed: true, Hasher);
        PasswordHashType[] types = [PasswordHashType.Argon2id, PasswordHashType.Bcrypt, PasswordHashType.Pbkdf2Sha256, PasswordHashType.Md5,
            PasswordHashType.Sha256, PasswordHashType.Md5Crypt, PasswordHashType.Sha512Crypt];
        foreach (var type in types)
        {
            editor.Add(PasswordHashNames.Of(type), $"{type}!Passw0rd", ["staff"], type);
        }

        var generated = editor.Add("zoë", null, ["admin", "staff"], PasswordHashType.Argon2id);
        editor.Save();

        await using var host = await StartAsync(path, hashed: true);
        foreach (var type in types)
        {
            Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, PasswordHashNames.Of(type), $"{type}!Passw0rd"));
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(host, PasswordHashNames.Of(type), $"{type}!Passw0rd!"));
        }

        var token = await host.LoginAsync("zoë", generated!);
        Assert.Equal("secret for zoë", await (await host.GetAsync("/api/secret", token)).Content.ReadAsStringAsync());
        Assert.Equal(["admin", "staff"], (await host.Auth.Users.FindAsync("zoë", default))!.Roles);
        Assert.DoesNotContain(host.Host.Log.Entries, e => e.Message.Contains("users.txt:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlaintextFileWrittenByTheEditor_LoadsInTheServer_PasswordsAndHashesAlike()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "# lab users\n");
        var editor = UsersFileEditor.Open(path, hashed: false, Hasher);
        editor.Add("bob", "B0b!Passw0rd:", ["dev"], PasswordHashType.Plaintext);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Sha1Crypt);
        editor.Save();

        await using var host = await StartAsync(path, hashed: false);
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, "bob", "B0b!Passw0rd:"));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, "carol", "C4rol!Passw0rd"));
        Assert.Equal(["dev"], (await host.Auth.Users.FindAsync("bob", default))!.Roles);
    }

    [Fact]
    public async Task AnEditWhileTheServerRuns_IsReloaded_RemovedUsersGo_ChangedPasswordsApply()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = UsersFileEditor.Open(path, hashed: true, Hasher);
        editor.Add("bob", "B0b!Passw0rd", null, PasswordHashType.Argon2id);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Argon2id);
        editor.Save();
        await using var host = await StartAsync(path, hashed: true);

        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Auth.UsersFile!.Loaded += _ => loaded.TrySetResult();
        editor.Remove("carol");
        editor.ChangePassword("bob", "N3w!B0bPassw0rd", PasswordHashType.Sha256Crypt);
        editor.Save();
        await loaded.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Null(await host.Auth.Users.FindAsync("carol", default));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(host, "bob", "N3w!B0bPassw0rd"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(host, "bob", "B0b!Passw0rd"));
    }
}
