using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixNMatchttp.Caching;
using MixNMatchttp.Storage.Redis;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisStorageTests(RedisServer server) : IAsyncDisposable
{
    private const string Password = "s3cr3t-pa/ss@word";
    private readonly RedisConnections _redis = new(server);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task AServerThatDoesNotAnswer_IsOneClearLine_WithinTheTimeout()
    {
        var port = ClosedPort();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() =>
            RedisStorage.ConnectAsync($"redis://:{Uri.EscapeDataString(Password)}@127.0.0.1:{port}/0", new RedisStorageOptions { ConnectTimeout = TimeSpan.FromSeconds(1) }));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.StartsWith($"cannot connect to Redis at redis://127.0.0.1:{port}/0: no answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostThatDoesNotResolve_IsOneClearLine_WithinTheTimeout()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() =>
            RedisStorage.ConnectAsync("redis://no-such-host.invalid:6379/0", new RedisStorageOptions { ConnectTimeout = TimeSpan.FromSeconds(1) }));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.StartsWith("cannot connect to Redis at redis://no-such-host.invalid:6379/0: no answer within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsToAServerWithoutTls_IsOneClearLine_WithinTheTimeout()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() =>
            RedisStorage.ConnectAsync($"rediss://127.0.0.1:{server.Port}/0", new RedisStorageOptions { ConnectTimeout = TimeSpan.FromSeconds(1) }));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.StartsWith($"cannot connect to Redis at rediss://127.0.0.1:{server.Port}/0: no answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Passwords_AreSent_AndAWrongOneIsOneClearLine_ThatDoesNotShowIt()
    {
        await using var guarded = await RedisServer.StartAsync("--requirepass", Password);
        var url = $"redis://:{Uri.EscapeDataString(Password)}@127.0.0.1:{guarded.Port}/0";
        await using (var storage = await RedisStorage.ConnectAsync(url))
        {
            Assert.Equal(PageAddResult.Added, await storage.Pages.TryAddAsync("a", new Page(new byte[1], "t")));
            Assert.DoesNotContain("s3cr3t", storage.Url.ToString(), StringComparison.Ordinal);
        }

        foreach (var wrong in new[] { $"redis://:s3cr3t-wrong@127.0.0.1:{guarded.Port}/0", $"redis://someone:{Uri.EscapeDataString(Password)}@127.0.0.1:{guarded.Port}/0", $"127.0.0.1:{guarded.Port},password=s3cr3t-wrong" })
        {
            var error = await Assert.ThrowsAsync<MixConfigurationException>(() => RedisStorage.ConnectAsync(wrong));
            Assert.Equal($"cannot connect to Redis at redis://127.0.0.1:{guarded.Port}/0: the server refused the credentials (a missing or wrong user name or password)", error.Message);
        }

        var none = await Assert.ThrowsAsync<MixConfigurationException>(() => RedisStorage.ConnectAsync($"redis://127.0.0.1:{guarded.Port}/0"));
        Assert.Equal($"cannot connect to Redis at redis://127.0.0.1:{guarded.Port}/0: the server refused the credentials (a missing or wrong user name or password)", none.Message);
    }

    [Fact]
    public async Task BadOptions_AreListed_BeforeAnyConnection()
    {
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => RedisStorage.ConnectAsync(
            "nonsense://", new RedisStorageOptions { KeyPrefix = null!, PageMaxBytes = 0, ConnectTimeout = TimeSpan.Zero }));
        Assert.Equal(
            ["RedisStorageOptions.KeyPrefix must not be null", "RedisStorageOptions.PageMaxBytes must be positive, not 0", "RedisStorageOptions.ConnectTimeout must be from 1 ms to 5 minutes, not 00:00:00"],
            error.Problems);
        Assert.Equal("the Redis URL's scheme 'nonsense' is not redis:// or rediss://: use redis://host:port/db, rediss://host:port/db for TLS, or a StackExchange.Redis configuration string",
            (await Assert.ThrowsAsync<MixConfigurationException>(() => RedisStorage.ConnectAsync("nonsense://"))).Message);
    }

    [Fact]
    public async Task ACancelledConnect_Throws()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RedisStorage.ConnectAsync(server.Url, null, cancel.Token));
    }

    [Fact]
    public async Task Defaults_AreTheDocumentedOnes()
    {
        var options = new RedisStorageOptions();
        Assert.Equal(("mixnmatchttp:", 2 * 1024 * 1024, TimeSpan.FromSeconds(5)), (options.KeyPrefix, options.PageMaxBytes, options.ConnectTimeout));
        await using var storage = await RedisStorage.ConnectAsync($"127.0.0.1:{server.Port}");
        Assert.Equal("mixnmatchttp:", storage.KeyPrefix);
        Assert.Equal($"redis://127.0.0.1:{server.Port}/0", storage.Url.ToString());
        Assert.Equal(2 * 1024 * 1024, storage.Pages.MaxBytes);
    }

    [Fact]
    public async Task TheUrlsDatabase_IsTheOneUsed()
    {
        var prefix = RedisConnections.NewPrefix();
        await using var storage = await RedisStorage.ConnectAsync($"redis://127.0.0.1:{server.Port}/3", new RedisStorageOptions { KeyPrefix = prefix });
        await storage.RevokedTokens.RevokeAsync("jti", DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        var database0 = await _redis.InspectAsync();
        Assert.Empty(await RedisPageStoreTests.KeysAsync(database0, prefix));
        Assert.Equal([prefix + "revoked:jti"], await RedisPageStoreTests.KeysAsync(database0.Multiplexer.GetDatabase(3), prefix));
    }

    [Fact]
    public async Task UseRedis_PutsTheStoresIntoTheModulesOptions()
    {
        var storage = await _redis.ConnectAsync();
        var auth = new MixNMatchttp.Auth.AuthOptions().UseRedis(storage);
        Assert.Same(storage.Sessions, auth.SessionStore);
        Assert.Same(storage.Lockout, auth.LockoutStore);
        Assert.Same(storage.RevokedTokens, auth.RevokedTokenStore);
        Assert.Null(auth.UserStore);
        Assert.Same(storage.Pages, new PageCacheOptions().UseRedis(storage).Store);
    }

    [Fact]
    public async Task APageSavedOnOneServer_IsServedByAnother()
    {
        var prefix = RedisConnections.NewPrefix();
        await using var a = await StartPageCacheAsync(await _redis.ConnectAsync(prefix));
        await using var b = await StartPageCacheAsync(await _redis.ConnectAsync(prefix));
        using var client = new HttpClient();
        using var page = new StringContent("{\"data\":\"PGgxPmhpPC9oMT4=\",\"type\":\"text/html\"}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(a.Urls[0] + "/cache/shared", page)).StatusCode);

        using var served = await client.GetAsync(b.Urls[0] + "/cache/shared");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("<h1>hi</h1>", await served.Content.ReadAsStringAsync());
        Assert.Equal("text/html", served.Content.Headers.ContentType!.MediaType);

        using var again = new StringContent("{\"data\":\"eA==\"}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsync(b.Urls[0] + "/cache/shared", again)).StatusCode);
    }

    private static async Task<MixApp> StartPageCacheAsync(RedisStorage storage)
    {
        var app = MixServer.Create(new MixServerOptions { Address = "127.0.0.1", Port = 0 })
            .Add(new PageCache(new PageCacheOptions().UseRedis(storage)))
            .Build();
        await app.StartAsync();
        return app;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
