using System.Diagnostics;
using System.Net;
using System.Text;
using MixNMatchttp.Auth.Tests.Cookie;
using Xunit.Abstractions;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>A wrong password costs the same whether the user is unknown or has a fast legacy hash (md5, sha512-crypt)
/// in a hashed users file: legacy hashes are wrapped in the configured hash when the file is loaded.</summary>
public sealed class LegacyHashTimingTests(ITestOutputHelper output)
{
    private const string LegacyPassword = "Legacy!Passw0rd";

    [Fact]
    public async Task HashedUsersFile_WrapsFastLegacyHashes_AndTheyStillLogInAndUpgrade()
    {
        await using var server = await StartAsync(CookieHost.CheapOptions());
        var host = server.Host;

        foreach (var user in new[] { "md5user", "sha512user" })
        {
            var stored = (await host.Auth.Users.FindAsync(user, default))!.PasswordHash;
            Assert.Equal(PasswordHashType.WrappedLegacy, PasswordHasher.Identify(stored));
            Assert.Contains("#$pbkdf2-sha256$1000$", stored, StringComparison.Ordinal);
            Assert.NotNull(await host.LoginAsync(user, LegacyPassword));
            Assert.StartsWith("$pbkdf2-sha256$", (await host.Auth.Users.FindAsync(user, default))!.PasswordHash, StringComparison.Ordinal);
        }

        Assert.DoesNotContain((await host.Auth.Users.FindAsync("alice", default))!.PasswordHash, "#", StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_TakesAsLongForAnUnknownUserAsForMd5AndSha512CryptUsers()
    {
        // The default (OWASP) Argon2id parameters, so a hash check costs what it costs in production.
        var options = new AuthOptions { Lockout = new LockoutOptions { MaxFailures = 0 }, RateLimit = new RateLimitOptions { PermitsPerSecond = 0 } };
        await using var server = await StartAsync(options);
        string[] users = ["nobody", "md5user", "sha512user"];
        await LoginTimeAsync(server.Host, "nobody"); // warms up the dummy hash and the connection

        var samples = users.ToDictionary(u => u, _ => new List<double>());
        for (var round = 0; round < 15; round++)
        {
            foreach (var user in round % 2 == 0 ? users : users.Reverse())
            {
                samples[user].Add(await LoginTimeAsync(server.Host, user));
            }
        }

        var medians = samples.ToDictionary(s => s.Key, s => s.Value.Order().ElementAt(s.Value.Count / 2));
        output.WriteLine(string.Join(", ", medians.Select(m => FormattableString.Invariant($"{m.Key} {m.Value:F1} ms"))));
        foreach (var user in new[] { "md5user", "sha512user" })
        {
            var ratio = medians[user] / medians["nobody"];
            Assert.InRange(ratio, 0.5, 2.0);
        }
    }

    private static async Task<double> LoginTimeAsync(CookieHost host, string user)
    {
        var watch = Stopwatch.StartNew();
        var response = await host.Client.PostAsync("/login", new FormUrlEncodedContent([new("username", user), new("password", "Wrong!Passw0rd")]));
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<LegacyServer> StartAsync(AuthOptions options)
    {
        var dir = new TempDirectory();
        var md5 = HexDigestHash.Hex(Encoding.UTF8.GetBytes(LegacyPassword), PasswordHashType.Md5);
        var sha512Crypt = ShaCrypt.Crypt(Encoding.UTF8.GetBytes(LegacyPassword), "$6$saltsaltsalt");
        options.UsersFile = dir.File("users.txt", $"md5user:{md5}\nsha512user:{sha512Crypt}\n");
        options.UsersFileHashed = true;
        return new LegacyServer(dir, await CookieHost.StartAsync(options));
    }

    private sealed class LegacyServer(TempDirectory dir, CookieHost host) : IAsyncDisposable
    {
        public CookieHost Host => host;

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            dir.Dispose();
        }
    }
}
