using System.Net;
using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Redis;

/// <summary>Two cookie-auth servers in this process whose sessions and lockout counts are in one Redis (and whose users
/// are in one shared store), wired with <see cref="RedisStorageExtensions.UseRedis(AuthOptions, RedisStorage)"/>.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class RedisAuthTests(RedisServer server) : IAsyncDisposable
{
    private const string Password = "Str0ng!Passw0rd";
    private readonly RedisConnections _redis = new(server);
    private readonly List<MixApp> _apps = [];
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ASessionStartedOnOneServer_WorksOnTheOther_UntilLogoutThereEndsItOnBoth()
    {
        var (a, b) = await StartPairAsync(maxFailures: 5);
        var token = await LoginAsync(a, Password);
        Assert.Equal("secret for alice", await GetAsync(b, "/api/secret", token));

        using var logout = await SendAsync(HttpMethod.Post, b + "logout", token);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);

        // Server A may answer from what it saw in the last second; after that it asks Redis again.
        await Task.Delay(1100);
        using var refused = await SendAsync(HttpMethod.Get, a + "api/secret", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task FailuresSpreadOverBothServers_LockTheAccount_AfterTheConfiguredTotal()
    {
        var (a, b) = await StartPairAsync(maxFailures: 3);
        foreach (var server in new[] { a, b, a })
        {
            using var failed = await SendAsync(HttpMethod.Post, server + "login", null, Credentials("wrong"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await SendAsync(HttpMethod.Post, b + "login", null, Credentials(Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    private async Task<(string A, string B)> StartPairAsync(int maxFailures)
    {
        var prefix = RedisConnections.NewPrefix();
        var users = new MemoryUserStore();
        var urls = new List<string>();
        foreach (var _ in new[] { "a", "b" })
        {
            var options = new AuthOptions
            {
                UserStore = users,
                PasswordHashing = new PasswordHashingOptions { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 1000 },
                RateLimit = new RateLimitOptions { PermitsPerSecond = 0 },
                Lockout = new LockoutOptions { MaxFailures = maxFailures },
            }.UseRedis(await _redis.ConnectAsync(prefix));
            options.ProtectedPaths.Add("api");
            var auth = new CookieAuth(options);
            var app = MixServer.Create(new MixServerOptions { Address = "127.0.0.1", Port = 0 }).Add(auth).Add(new Api()).Build();
            _apps.Add(app);
            await app.StartAsync();
            if (urls.Count == 0)
            {
                await auth.AddUserAsync("alice", Password, []);
            }

            urls.Add(app.Urls[0] + "/");
        }

        return (urls[0], urls[1]);
    }

    private static FormUrlEncodedContent Credentials(string password) => new([new("username", "alice"), new("password", password)]);

    private async Task<string> LoginAsync(string server, string password)
    {
        using var response = await SendAsync(HttpMethod.Post, server + "login", null, Credentials(password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("SESSION=", StringComparison.Ordinal))["SESSION=".Length..].Split(';')[0];
    }

    private async Task<string> GetAsync(string server, string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, server + path.TrimStart('/'), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
        {
            request.Headers.Add("Cookie", "SESSION=" + token);
        }

        return await _client.SendAsync(request);
    }

    private sealed class Api : MixModule
    {
        public override EndpointNode Endpoints => new() { ["api"] = new() { NArgs = 1 } };

        public override void MapHandlers(HandlerMap map) => map.Get("api", c =>
            new(c.RenderAsync($"{c.Endpoint.Args} for {AuthModule.UserOf(c)?.Username ?? "anonymous"}", "text/plain")));
    }
}
