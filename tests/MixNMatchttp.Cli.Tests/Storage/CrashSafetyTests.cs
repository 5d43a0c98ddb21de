using System.Net;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>
/// kill -9 during a burst of registrations and logins loses nothing that was answered: every registration answered
/// 200 (or its redirect) is there after a restart on the same database, whole (it logs in with its password), and the
/// database is consistent.
/// </summary>
[Collection(SharedStoreServers.Name)]
public sealed class CrashSafetyTests(StoreServers servers)
{
    private const string Password = "Cr4sh!Passw0rd";

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
        string[] args = ["-p", "0", "--auth", "cookie", "--users-dburl", usersUrl, "--sessions-dburl", usersUrl, "--lockout", "off", "--rate-limit", "off"];
        var answered = new List<string>();
        await using (var first = await CliProcess.StartAsync(dir.Path, args))
        {
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = first.Url };
            using var stop = new CancellationTokenSource();
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
                            lock (answered)
                            {
                                answered.Add(name);
                            }
                        }

                        using var login = await client.PostAsync("/login", Forms.Of(("username", name), ("password", Password)), stop.Token);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return; // the server died under the request: it was never answered
                    }
                }
            })).ToArray();

            // The kill comes in the middle of the burst: once 20 registrations were answered (a minute at most).
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (Answered(answered) < 20 && DateTime.UtcNow < deadline && writers.Any(writer => !writer.IsCompleted))
            {
                await Task.Delay(50);
            }

            CliProcess.Signal(first.Id, "KILL");
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(answered.Count >= 20, $"only {answered.Count} registrations were answered before the kill");
        await using var second = await CliProcess.StartAsync(dir.Path, args);
        using var check = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = second.Url };
        foreach (var name in answered)
        {
            using var login = await check.PostAsync("/login", Forms.Of(("username", name), ("password", Password)));
            Assert.True(login.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{name} was answered before the kill but cannot log in after it: {(int)login.StatusCode}");
            var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SESSION=", StringComparison.Ordinal)).Split(';')[0];
            using var secret = new HttpRequestMessage(HttpMethod.Get, "/secret/data.txt") { Headers = { { "Cookie", cookie } } };
            using var read = await check.SendAsync(secret);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
    }

    private static int Answered(List<string> answered)
    {
        lock (answered)
        {
            return answered.Count;
        }
    }
}
