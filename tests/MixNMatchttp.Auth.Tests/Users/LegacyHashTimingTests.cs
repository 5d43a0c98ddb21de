using System.Diagnostics;
using System.Net;
using System.Text;
using MixNMatchttp.Auth.Tests.Cookie;
using Xunit.Abstractions;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>A wrong password costs the same whether the user is unknown or has a fast legacy hash (md5, sha512-crypt)
/// in a hashed users file: legacy hashes are wrapped in the configured hash when the file is loaded.
/// The timing test runs alone in this assembly, so other tests' hashing does not add to one user's samples.</summary>
[Collection(nameof(LegacyHashTimingTests))]
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

        // The times fall in two clusters (every other Argon2id check takes about twice as long, in step with the
        // collector reclaiming the 19 MiB each check allocates), so a median can land in either. Each user takes every place in the order equally often,
        // and the lower quartile (the fast cluster; other load only adds time) is what is compared.
        var samples = users.ToDictionary(u => u, _ => new List<double>());
        for (var round = 0; round < 24; round++)
        {
            for (var place = 0; place < users.Length; place++)
            {
                var user = users[(round + place) % users.Length];
                samples[user].Add(await LoginTimeAsync(server.Host, user));
            }
        }

        var quartiles = samples.ToDictionary(s => s.Key, s => s.Value.Order().ElementAt(s.Value.Count / 4));
        output.WriteLine(string.Join(", ", quartiles.Select(q => FormattableString.Invariant($"{q.Key} {q.Value:F1} ms"))));

        // Before legacy hashes were wrapped, md5 answered in ~1% of the unknown user's time and sha512-crypt in ~7%.
        foreach (var user in new[] { "md5user", "sha512user" })
        {
            Assert.InRange(quartiles[user] / quartiles["nobody"], 0.5, 2.0);
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

[CollectionDefinition(nameof(LegacyHashTimingTests), DisableParallelization = true)]
public sealed class LegacyHashTimingRunsAlone;
