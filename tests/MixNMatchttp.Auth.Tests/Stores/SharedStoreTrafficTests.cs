using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;
using MixNMatchttp.Auth.Tests.Jwt;

namespace MixNMatchttp.Auth.Tests.Stores;

/// <summary>
/// Behind a server, shared stores (counting decorators around memory stores: not the memory store types, so treated
/// as the SQL and Redis ones are) are asked at most once a second per key, however many requests come at once;
/// logout, expiry and changes to users made on this instance still count at once, and credential checks always read
/// the store.
/// </summary>
public sealed class SharedStoreTrafficTests
{
    private const int Burst = 50;
    private static readonly TimeSpan StoreDelay = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task ABurstWithOneCookie_AsksTheSessionAndUserStoresOnceASecond()
    {
        var (sessions, users) = (new CountingSessionStore(StoreDelay), new CountingUserStore(StoreDelay));
        await using var host = await CookieHost.StartAsync(SharedOptions(sessions, users));
        var token = await host.LoginAsync();
        sessions.Finds.Clear();
        users.Finds.Clear();

        var answers = await BurstsAsync(() => host.GetAsync("/secret/file.txt", token));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        sessions.Finds.AssertEachKeyAtMostOnceASecond();
        users.Finds.AssertEachKeyAtMostOnceASecond();
        Assert.NotEqual(0, users.Finds.Of("alice"));
    }

    [Fact]
    public async Task ABurstWithOneUnknownCookie_AsksTheSessionStoreOnceASecond_AndNeverTheUserStore()
    {
        var (sessions, users) = (new CountingSessionStore(StoreDelay), new CountingUserStore(StoreDelay));
        await using var host = await CookieHost.StartAsync(SharedOptions(sessions, users));
        var unknown = Tokens.NewSessionToken();

        var answers = await BurstsAsync(() => host.GetAsync("/secret/file.txt", unknown));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        sessions.Finds.AssertEachKeyAtMostOnceASecond();
        Assert.NotEqual(0, sessions.Finds.Of(Tokens.Hash(unknown)));
        Assert.Equal(0, users.Finds.Total);
    }

    [Fact]
    public async Task ABurstWithOneAccessToken_AsksTheRevokedTokenAndUserStoresOnceASecond_AndLogoutCountsAtOnce()
    {
        var (revoked, users) = (new CountingRevokedTokenStore(StoreDelay), new CountingUserStore(StoreDelay));
        await using var server = await JwtServer.StartAsync(configure: options => (options.RevokedTokenStore, options.UserStore) = (revoked, users));
        var (access, _) = await server.TokensAsync();
        users.Finds.Clear();

        var answers = await BurstsAsync(() => server.RequestAsync(JwtServer.ProtectedFile, access));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        revoked.Checks.AssertEachKeyAtMostOnceASecond();
        users.Finds.AssertEachKeyAtMostOnceASecond();
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/logout", access)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync(JwtServer.ProtectedFile, access)).Status);
    }

    [Fact]
    public async Task LogoutExpiryAndUserChangesMadeHere_CountAtOnce()
    {
        var options = SharedOptions(new CountingSessionStore(), new CountingUserStore());
        options.SessionLifetime = TimeSpan.FromMinutes(10);
        options.AccessRules.Add(new AccessRule("^GET /api/admin", ["#admin"]));
        await using var host = await CookieHost.StartAsync(options);

        var token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/logout", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);

        token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);

        token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/admin", token)).StatusCode);
        var alice = (await host.Auth.Users.FindAsync("alice", default))!;
        await host.Auth.Users.UpsertAsync(alice with { Roles = [] }, default);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("/api/admin", token)).StatusCode);
        Assert.True(await host.Auth.Users.RemoveAsync("alice", default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
    }

    [Fact]
    public async Task APasswordChangedElsewhere_CountsAtOnceForLogins_AndARemovalElsewhereWithinASecond()
    {
        var users = new CountingUserStore();
        await using var host = await CookieHost.StartAsync(SharedOptions(new CountingSessionStore(), users));
        var token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", token)).StatusCode);

        // Another instance changes alice's password: this one's next login reads it, though alice is remembered.
        const string NewPassword = "N3w!Passw0rdXX";
        Assert.True(await users.Inner.UpdatePasswordHashAsync("alice", host.Auth.Hasher.Hash(NewPassword), default));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", CookieHost.Credentials("alice", CookieHost.Password))).StatusCode);
        token = await host.LoginAsync("alice", NewPassword);

        Assert.True(await users.Inner.RemoveAsync("alice", default));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
    }

    /// <summary>Two bursts of <see cref="Burst"/> parallel requests, one after the other: the first shows that
    /// concurrent misses share one look-up, the second (after the first look-up is done) that its answer is remembered.</summary>
    private static async Task<T[]> BurstsAsync<T>(Func<Task<T>> request)
    {
        var first = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => request()));
        var second = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => request()));
        return [.. first, .. second];
    }

    private static AuthOptions SharedOptions(CountingSessionStore sessions, CountingUserStore users)
    {
        var options = CookieHost.CheapOptions();
        options.SessionStore = sessions;
        options.UserStore = users;
        return options;
    }
}
