using System.Net;

namespace MixNMatchttp.Cli.Tests.Storage;

/// <summary>
/// Two instances of the command sharing real PostgreSQL (users) and Redis (sessions, revoked tokens, lockout, page
/// cache), as behind a load balancer: what one knows, the other knows. Shared answers are remembered for at most a
/// second per token, so a change made on one instance is awaited on the other for up to two seconds.
/// </summary>
[Collection(SharedStoreServers.Name)]
public sealed class MultiInstanceTests(StoreServers servers)
{
    private const string Password = "Sh4red!Passw0rd";

    private async Task<(CliServer A, CliServer B)> StartPairAsync(params string[] args)
    {
        var users = await servers.NewPostgresDatabaseAsync();
        var redis = await servers.NewRedisDatabaseUrlAsync();
        string[] shared = ["--users-dburl", users, "--sessions-dburl", redis, "--lockout-url", redis, "--cache", "--cache-url", redis, "-S", "secret", .. args];
        var a = await CliServer.StartAsync(dir => dir.File("secret/data.txt", "the secret"), shared);
        try
        {
            return (a, await CliServer.StartAsync(dir => dir.File("secret/data.txt", "the secret"), shared));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpStatusCode> GetAsync(CliServer server, string path, string? cookie = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.Cli.Url };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Polls until <paramref name="status"/> comes, for at most two seconds (a shared answer is remembered for one).</summary>
    private static async Task AssertBecomesAsync(HttpStatusCode status, Func<Task<HttpStatusCode>> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        HttpStatusCode last;
        while ((last = await request()) != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(status, last);
    }

    private static async Task<string> SessionCookieAsync(HttpResponseMessage login)
    {
        Assert.True(login.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, await login.Content.ReadAsStringAsync());
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SESSION=", StringComparison.Ordinal)).Split(';')[0];
    }

    [Fact]
    public async Task AUserRegisteredOnA_LogsInOnB_AndASessionOfA_WorksOnB_UntilLogoutOnB_EndsItOnA()
    {
        var (a, b) = await StartPairAsync("--auth", "cookie");
        await using var _ = a;
        await using var __ = b;
        Assert.Matches(@"  stores: users in postgresql://postgres:\*\*\*@127\.0\.0\.1:\d+/cli\d+, sessions in redis://127\.0\.0\.1:\d+/\d+, lockout counts in redis://127\.0\.0\.1:\d+/\d+, page cache in redis://127\.0\.0\.1:\d+/\d+\n", a.Cli.Output);

        using var register = await a.Client.PostAsync("/register", Forms.Of(("username", "shared-user"), ("password", Password)));
        var sessionOfA = await SessionCookieAsync(register);
        using var login = await b.Client.PostAsync("/login", Forms.Of(("username", "shared-user"), ("password", Password)));
        await SessionCookieAsync(login);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(b, "/secret/data.txt", sessionOfA));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(a, "/secret/data.txt", sessionOfA));

        using var logout = new HttpRequestMessage(HttpMethod.Get, "/logout");
        logout.Headers.Add("Cookie", sessionOfA);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = b.Cli.Url };
        using var loggedOut = await client.SendAsync(logout);
        Assert.True(loggedOut.IsSuccessStatusCode || loggedOut.StatusCode == HttpStatusCode.Found);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(b, "/secret/data.txt", sessionOfA));
        await AssertBecomesAsync(HttpStatusCode.Unauthorized, () => GetAsync(a, "/secret/data.txt", sessionOfA));
    }

    [Fact]
    public async Task AJwtRevokedOnA_IsRefusedByB()
    {
        var (a, b) = await StartPairAsync("--auth", "jwt", "--jwt-key", "a shared secret of at least thirty-two bytes", "--any-login");
        await using var _ = a;
        await using var __ = b;
        using var login = await a.Client.PostAsync("/login", Forms.Of(("username", "jwt-user"), ("password", "anything")));
        var tokens = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await GetAsync(b, "/secret/data.txt", bearer: access));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = Forms.Of(("refresh_token", refresh)) };
        logout.Headers.Authorization = new("Bearer", access);
        using var loggedOut = await a.Client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.OK, loggedOut.StatusCode);

        await AssertBecomesAsync(HttpStatusCode.Unauthorized, () => GetAsync(b, "/secret/data.txt", bearer: access));
        using var refreshOnB = await b.Client.PostAsync("/authtoken", Forms.Of(("refresh_token", refresh)));
        Assert.Equal(HttpStatusCode.Unauthorized, refreshOnB.StatusCode);
    }

    [Fact]
    public async Task FailuresSpreadOverAAndB_LockTheAccount_AfterTheConfiguredTotal()
    {
        var (a, b) = await StartPairAsync("--auth", "cookie", "--lockout", "4/5m");
        await using var _ = a;
        await using var __ = b;
        using var register = await a.Client.PostAsync("/register", Forms.Of(("username", "guarded"), ("password", Password)));
        await SessionCookieAsync(register);

        for (var i = 0; i < 4; i++)
        {
            using var wrong = await (i % 2 == 0 ? a : b).Client.PostAsync("/login", Forms.Of(("username", "guarded"), ("password", "wrong-" + i)));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        foreach (var server in new[] { a, b })
        {
            using var locked = await server.Client.PostAsync("/login", Forms.Of(("username", "guarded"), ("password", Password)));
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.NotNull(locked.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task APageCachedOnA_IsServedByB_AndNeitherMayOverwriteIt()
    {
        var (a, b) = await StartPairAsync("--auth", "cookie");
        await using var _ = a;
        await using var __ = b;

        using var saved = await a.Client.PostAsync("/cache/shared-page", Forms.Of(("data", "<p>from A</p>"), ("type", "text/html")));
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal("<p>from A</p>", await b.Client.GetStringAsync("/cache/shared-page"));
        using var overwrite = await b.Client.PostAsync("/cache/shared-page", Forms.Of(("data", "<p>from B</p>"), ("type", "text/html")));
        Assert.Equal(HttpStatusCode.InternalServerError, overwrite.StatusCode);
        Assert.Equal("<p>from A</p>", await a.Client.GetStringAsync("/cache/shared-page"));
    }

    [Fact]
    public async Task TheCacheCap_IsExact_WithBothInstancesWritingAtOnce()
    {
        var (a, b) = await StartPairAsync("--auth", "cookie");
        await using var _ = a;
        await using var __ = b;

        // 2 MiB cap; each page counts its name (6 characters), its type (10) and 100,000 bytes of body: 20 fit, not 21.
        var body = new string('x', 100_000);
        var saves = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? a : b).Client.PostAsync($"/cache/p{i:D5}", Forms.Of(("data", body), ("type", "text/plain")));
            return (Page: i, response.StatusCode);
        }));

        Assert.Equal(20, saves.Count(save => save.StatusCode == HttpStatusCode.NoContent));
        Assert.All(saves.Where(save => save.StatusCode != HttpStatusCode.NoContent), save => Assert.Equal(HttpStatusCode.InternalServerError, save.StatusCode));
        foreach (var (page, status) in saves)
        {
            using var read = await b.Client.GetAsync($"/cache/p{page:D5}");
            Assert.Equal(status == HttpStatusCode.NoContent ? HttpStatusCode.OK : HttpStatusCode.InternalServerError, read.StatusCode);
        }
    }
}
