using System.Net;

namespace MixNMatchttp.Auth.Tests.Cookie;

public sealed class BruteForceAndCsrfTests
{
    private static FormUrlEncodedContent Credentials(string username, string password) =>
        new([new("username", username), new("password", password)]);

    [Fact]
    public async Task FiveFailures_LockTheAccount_With429AndRetryAfter_EvenForTheRightPassword()
    {
        await using var host = await CookieHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", Credentials("alice", "wrong" + i))).StatusCode);
        }

        var locked = await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), locked.Headers.RetryAfter!.Delta);
        Assert.Contains("too many failed logins", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(await host.LoginAsync());
    }

    [Fact]
    public async Task FailuresFromOneAddress_AcrossAccounts_LockTheAddress()
    {
        await using var host = await CookieHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.Client.PostAsync("/login", Credentials("user" + i, "wrong"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password))).StatusCode);
    }

    [Fact]
    public async Task FailuresOutsideTheWindow_DoNotAddUp()
    {
        await using var host = await CookieHost.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", Credentials("alice", "wrong"))).StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", Credentials("alice", "wrong"))).StatusCode);
        }

        // Eight failures, but only four within the window: not locked.
        Assert.NotNull(await host.LoginAsync());

        // The control: a fifth failure within the window from this address does lock.
        await host.Client.PostAsync("/login", Credentials("alice", "wrong"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password))).StatusCode);
    }

    [Fact]
    public async Task LockoutStatus_CanBe401()
    {
        var options = CookieHost.CheapOptions();
        options.Lockout = new LockoutOptions { MaxFailures = 2, StatusCode = LockoutStatus.Unauthorized };
        await using var host = await CookieHost.StartAsync(options);
        await host.Client.PostAsync("/login", Credentials("alice", "wrong"));
        await host.Client.PostAsync("/login", Credentials("alice", "wrong"));
        var locked = await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("too many failed logins", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_IsThrottledLikeLogin()
    {
        await using var host = await CookieHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.Client.PostAsync("/changepwd", new FormUrlEncodedContent([new("username", "alice"), new("password", "wrong"), new("new_password", "N3w!Passw0rdXX")]));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password))).StatusCode);
    }

    [Fact]
    public async Task Csrf_IsOffByDefault()
    {
        await using var host = await CookieHost.StartAsync();
        var token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/api/secret", token)).StatusCode);
    }

    [Fact]
    public async Task Csrf_WhenOn_StateChangingRequestsNeedTheTokenOrOurOrigin()
    {
        await using var host = await CookieHost.StartAsync(csrf: true);
        var login = await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password));
        var session = CookieHost.SessionToken(login)!;
        var csrf = CookieHost.SessionToken(login, "CSRF-TOKEN")!;
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CSRF-TOKEN=", StringComparison.Ordinal) && !c.Contains("httponly", StringComparison.Ordinal));

        var forged = await host.SendAsync(HttpMethod.Post, "/api/secret", session, configure: r => r.Headers.Add("Origin", "http://evil.test"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, "/api/secret", session)).StatusCode);
        var wrongToken = await host.SendAsync(HttpMethod.Post, "/api/secret", session, configure: r => r.Headers.Add("X-CSRF-Token", new string('0', 64)));
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);

        var header = await host.SendAsync(HttpMethod.Post, "/api/secret", session, configure: r => r.Headers.Add("X-CSRF-Token", csrf));
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        var field = await host.SendAsync(HttpMethod.Post, "/api/secret", session, new FormUrlEncodedContent([new("csrf_token", csrf)]));
        Assert.Equal(HttpStatusCode.OK, field.StatusCode);
        var sameOrigin = await host.SendAsync(HttpMethod.Post, "/api/secret", session, configure: r => r.Headers.Add("Origin", host.Host.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/secret", session)).StatusCode);
    }
}
