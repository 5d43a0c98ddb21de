using System.Collections.Concurrent;
using System.Net;
using MixNMatchttp.Auth;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>
/// kill -9 during a burst of registrations and logins loses nothing that was answered: after a restart on the same
/// database every registration answered 200 (or its redirect) is there, whole (it logs in with its password), every
/// session a login was answered with still opens the protected file, users imported with roles (several rows in one
/// transaction) keep all their roles, and the database is consistent (no role link to a missing user or role, every
/// password hash readable; for SQLite the integrity and foreign-key checks).
/// </summary>
[Collection(SharedStoreServers.Name)]
public sealed class CrashSafetyTests(StoreServers servers)
{
    private const string Password = "Cr4sh!Passw0rd";
    private const int ImportedUsers = 10;

    [Fact]
    public async Task SQLite_KeepsEveryAnsweredRegistration_AfterKill9()
    {
        using var dir = new TempDirectory();
        await AssertAnsweredRegistrationsSurviveAsync("sqlite:///" + Path.Join(dir.Path, "users.db"), dir);
    }

    [Fact]
    public async Task PostgreSQL_KeepsEveryAnsweredRegistration_AfterKill9()
    {
        using var dir = new TempDirectory();
        await AssertAnsweredRegistrationsSurviveAsync(await servers.NewPostgresDatabaseAsync(), dir);
    }

    private static async Task AssertAnsweredRegistrationsSurviveAsync(string usersUrl, TempDirectory dir)
    {
        dir.File("secret/data.txt", "the secret");
        await ImportUsersWithRolesAsync(usersUrl, dir);
        string[] args = ["-p", "0", "--auth", "cookie", "--users-dburl", usersUrl, "--sessions-dburl", usersUrl, "--lockout", "off", "--rate-limit", "off"];
        var answered = new ConcurrentQueue<string>();
        var sessions = new ConcurrentQueue<string>();
        await using (var first = await CliProcess.StartAsync(dir.Path, args))
        {
            using var client = NewClient(first.Url);
            using var stop = new CancellationTokenSource();

            async Task LoginAsync(string name)
            {
                using var login = await client.PostAsync("/login", Forms.Of(("username", name), ("password", Password)), stop.Token);
                if (login.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found)
                {
                    sessions.Enqueue(SessionCookie(login));
                }
            }

            var writers = Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"crash-{writer}-{i}";
                    try
                    {
                        using var register = await client.PostAsync("/register", Forms.Of(("username", name), ("password", Password)), stop.Token);
                        if (register.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found)
                        {
                            answered.Enqueue(name);
                        }

                        await LoginAsync(name);
                        await LoginAsync(ImportedName(i % ImportedUsers)); // a login may upgrade the imported hash
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return; // the server died under the request: it was never answered
                    }
                }
            })).ToArray();

            // The kill comes in the middle of the burst: once 20 registrations were answered (a minute at most).
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (answered.Count < 20 && DateTime.UtcNow < deadline && writers.Any(writer => !writer.IsCompleted))
            {
                await Task.Delay(50);
            }

            CliProcess.Signal(first.Id, "KILL");
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(answered.Count >= 20, $"only {answered.Count} registrations were answered before the kill");
        await using var second = await CliProcess.StartAsync(dir.Path, args);
        using var check = NewClient(second.Url);
        Assert.NotEmpty(sessions);
        foreach (var cookie in sessions)
        {
            Assert.Equal(HttpStatusCode.OK, await ReadSecretAsync(check, cookie));
        }

        foreach (var name in answered.Concat(Enumerable.Range(0, ImportedUsers).Select(ImportedName)))
        {
            using var login = await check.PostAsync("/login", Forms.Of(("username", name), ("password", Password)));
            Assert.True(login.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{name} was answered before the kill but cannot log in after it: {(int)login.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, await ReadSecretAsync(check, SessionCookie(login)));
        }

        await StoredDatabase.AssertConsistentAsync(usersUrl);
        for (var i = 0; i < ImportedUsers; i++)
        {
            Assert.Equal(["ops", "staff", $"team{i}"], await StoredDatabase.RolesAsync(usersUrl, ImportedName(i)));
        }
    }

    /// <summary>Imports users with three roles each (<c>mixnmatchttp users import</c>): every one is a user row and
    /// three role links written in one transaction.</summary>
    private static async Task ImportUsersWithRolesAsync(string usersUrl, TempDirectory dir)
    {
        var hasher = new PasswordHasher(new PasswordHashingOptions { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 1000 });
        var file = dir.File("imported.txt", string.Concat(Enumerable.Range(0, ImportedUsers).Select(i => $"{ImportedName(i)}:{hasher.Hash(Password)}:staff,ops,team{i}\n")));
        var (exitCode, output, errors) = await CliProcess.RunAsync(dir.Path, "users", "import", file, "--users-dburl", usersUrl);
        Assert.True(exitCode == 0, output + errors);
        Assert.Contains($"imported {ImportedUsers} user(s)", output, StringComparison.Ordinal);
    }

    private static string ImportedName(int i) => $"imported-{i}";

    private static HttpClient NewClient(Uri url) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = url };

    private static string SessionCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SESSION=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>The status of a request for the protected file with the session cookie.</summary>
    private static async Task<HttpStatusCode> ReadSecretAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret/data.txt") { Headers = { { "Cookie", cookie } } };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
