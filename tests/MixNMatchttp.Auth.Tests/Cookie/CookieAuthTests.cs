using System.Net;
using System.Net.Http.Json;

namespace MixNMatchttp.Auth.Tests.Cookie;

public sealed class CookieAuthTests
{
    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task Login_WithAForm_SetsAFreshHttpOnlySessionCookie()
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/login", Form(("username", "alice"), ("password", CookieHost.Password)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^SESSION=[0-9a-f]{64}; path=/; httponly$", cookie);
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Login_WithJson_OrTheQuery_Works()
    {
        await using var host = await CookieHost.StartAsync();
        var json = await host.Client.PostAsync("/login", JsonContent.Create(new { username = "alice", password = CookieHost.Password }));
        Assert.NotNull(CookieHost.SessionToken(json));
        var query = await host.Client.PostAsync($"/login?username=alice&password={Uri.EscapeDataString(CookieHost.Password)}", null);
        Assert.NotNull(CookieHost.SessionToken(query));
    }

    [Fact]
    public async Task Login_WithGoto_Redirects()
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/login?goto=%2Fsecret%2Ffile.txt", Form(("username", "alice"), ("password", CookieHost.Password)));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/secret/file.txt", response.Headers.Location!.OriginalString);
        Assert.NotNull(CookieHost.SessionToken(response));
    }

    [Theory]
    [InlineData("alice", "wrong password")]
    [InlineData("nobody", CookieHost.Password)]
    [InlineData("alice", "")]
    public async Task Login_WithWrongCredentials_Gets401(string username, string password)
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/login", Form(("username", username), ("password", password)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(CookieHost.SessionToken(response));
    }

    [Fact]
    public async Task Login_WithoutCredentials_Gets401_WithPostAndGet()
    {
        await using var host = await CookieHost.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task ProtectedFileAndEndpoint_NeedASession()
    {
        await using var host = await CookieHost.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", new string('a', 64))).StatusCode);
        Assert.Equal("open", await (await host.GetAsync("/open.txt", null)).Content.ReadAsStringAsync());
        var token = await host.LoginAsync();
        Assert.Equal("top secret", await (await host.GetAsync("/secret/file.txt", token)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/secret", null)).StatusCode);
        Assert.Equal("secret for alice", await (await host.GetAsync("/api/secret", token)).Content.ReadAsStringAsync());
        Assert.Equal("open for anonymous", await (await host.GetAsync("/api/open", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryLogin_IssuesANewToken_AndEndsTheSessionItCameWith()
    {
        await using var host = await CookieHost.StartAsync();
        var first = await host.LoginAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/login", first, Form(("username", "alice"), ("password", CookieHost.Password)));
        var second = CookieHost.SessionToken(response)!;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", second)).StatusCode);
    }

    [Fact]
    public async Task FailedLogin_EndsTheCurrentSession()
    {
        await using var host = await CookieHost.StartAsync();
        var token = await host.LoginAsync();
        await host.SendAsync(HttpMethod.Post, "/login", token, Form(("username", "alice"), ("password", "nope")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
    }

    [Fact]
    public async Task Logout_RemovesTheSessionOnTheServer_ClearsTheCookie_AndFollowsGoto()
    {
        await using var host = await CookieHost.StartAsync();
        var token = await host.LoginAsync();
        var response = await host.GetAsync("/logout?goto=/bye", token);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/bye", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SESSION=;", StringComparison.Ordinal) && c.Contains("max-age=0", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/logout", null)).StatusCode);
    }

    [Fact]
    public async Task Register_CreatesTheUser_AndLogsThemIn()
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/register", Form(("username", "dave"), ("password", "An0ther!Passw0rd")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = CookieHost.SessionToken(response);
        Assert.Equal("secret for dave", await (await host.GetAsync("/api/secret", token)).Content.ReadAsStringAsync());
        Assert.NotNull(await host.LoginAsync("dave", "An0ther!Passw0rd"));
    }

    [Theory]
    [InlineData("eve", "weak", "at least 10 characters")]
    [InlineData("alice", "An0ther!Passw0rd", "already exists")]
    [InlineData("bad:name", "An0ther!Passw0rd", "user name")]
    [InlineData("", "An0ther!Passw0rd", "user name is empty")]
    [InlineData("ad\u200Bmin", "An0ther!Passw0rd", "invisible formatting characters")]
    [InlineData("\u202Eevil", "An0ther!Passw0rd", "invisible formatting characters")]
    public async Task Register_WithBadInput_Gets400WithTheReason(string username, string password, string reason)
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/register", Form(("username", username), ("password", password)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAnOverlongPassword_Gets400_NotA500()
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/register", Form(("username", "eve"), ("password", "Aa1!" + new string('x', 5000))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await host.Auth.Users.FindAsync("eve", default));
    }

    [Fact]
    public async Task Register_WithARoleNobodyMayCreate_Gets401()
    {
        await using var host = await CookieHost.StartAsync();
        var response = await host.Client.PostAsync("/register", Form(("username", "mallory"), ("password", "An0ther!Passw0rd"), ("roles", "admin")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await host.Auth.Users.FindAsync("mallory", default));
    }

    [Fact]
    public async Task Register_ChecksEveryRequestedRole_AgainstTheCreator()
    {
        var options = CookieHost.CheapOptions();
        options.CanCreateUsers.Add(new RoleCreationRule("staff", ["#admin"]));
        options.CanCreateUsers.Add(new RoleCreationRule("admin", ["alice"]));
        await using var host = await CookieHost.StartAsync(options);
        var anonymous = await host.Client.PostAsync("/register", Form(("username", "s1"), ("password", "An0ther!Passw0rd"), ("roles", "staff")));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var token = await host.LoginAsync();
        var both = await host.SendAsync(HttpMethod.Post, "/register", token, JsonContent.Create(new { username = "s2", password = "An0ther!Passw0rd", roles = new[] { "staff", "admin" } }));
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(["staff", "admin"], (await host.Auth.Users.FindAsync("s2", default))!.Roles);
        var unknownRole = await host.SendAsync(HttpMethod.Post, "/register", CookieHost.SessionToken(both), Form(("username", "s3"), ("password", "An0ther!Passw0rd"), ("roles", "staff,root")));
        Assert.Equal(HttpStatusCode.Unauthorized, unknownRole.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_ChecksTheCurrentOne_AndTheNewOnesPolicy()
    {
        await using var host = await CookieHost.StartAsync();
        var wrong = await host.Client.PostAsync("/changepwd", Form(("username", "alice"), ("password", "nope"), ("new_password", "N3w!Passw0rdXX")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var weak = await host.Client.PostAsync("/changepwd", Form(("username", "alice"), ("password", CookieHost.Password), ("new_password", "weak")));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_InvalidatesOldSessions_AndIssuesANewOne()
    {
        await using var host = await CookieHost.StartAsync();
        var old = await host.LoginAsync();
        var other = await host.LoginAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/changepwd", old, Form(("username", "alice"), ("password", CookieHost.Password), ("new_password", "N3w!Passw0rdXX")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = CookieHost.SessionToken(response);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", old)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", fresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", Form(("username", "alice"), ("password", CookieHost.Password)))).StatusCode);
        Assert.NotNull(await host.LoginAsync("alice", "N3w!Passw0rdXX"));
    }

    [Fact]
    public async Task Sessions_Expire_AndExpiredOnesAreRemoved()
    {
        var options = CookieHost.CheapOptions();
        options.SessionLifetime = TimeSpan.FromMinutes(10);
        await using var host = await CookieHost.StartAsync(options);
        var token = await host.LoginAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
        Assert.Equal(0, ((MemorySessionStore)host.Auth.Sessions).Count);
    }

    [Fact]
    public async Task ExpiredSessions_ArePrunedOnTheInterval()
    {
        var options = CookieHost.CheapOptions();
        options.SessionLifetime = TimeSpan.FromMinutes(1);
        options.PruneInterval = TimeSpan.FromMinutes(5);
        await using var host = await CookieHost.StartAsync(options);
        await host.LoginAsync();
        await host.LoginAsync();
        var store = (MemorySessionStore)host.Auth.Sessions;
        Assert.Equal(2, store.Count);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task CookieOptions_SetNamePathSameSiteAndLifetime()
    {
        await using var host = await CookieHost.StartAsync(cookie: new SessionCookieOptions { Name = "SID", Path = "/app", SameSite = Microsoft.Net.Http.Headers.SameSiteMode.Strict, Lifetime = TimeSpan.FromHours(1) });
        var response = await host.Client.PostAsync("/login", Form(("username", "alice"), ("password", CookieHost.Password)));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^SID=[0-9a-f]{64}; max-age=3600; path=/app; samesite=strict; httponly$", cookie);
    }

    [Fact]
    public async Task OverTls_TheCookieIsSecure()
    {
        await using var host = await CookieHost.StartAsync(server: new MixServerOptions { Tls = new TlsOptions() });
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = new() { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null } }) { BaseAddress = host.Host.BaseAddress };
        var response = await client.PostAsync("/login", Form(("username", "alice"), ("password", CookieHost.Password)));
        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAndLogout_AreNeverProtected()
    {
        var options = CookieHost.CheapOptions();
        options.AccessRules.Add(new AccessRule(".*", ["*"]));
        await using var host = await CookieHost.StartAsync(options);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/open.txt", null)).StatusCode);
        var token = await host.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/open.txt", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/logout", null)).StatusCode);
    }

    [Fact]
    public async Task AuthenticatedUserOutsideTheAccessList_Gets403()
    {
        var options = CookieHost.CheapOptions();
        options.AccessRules.Add(new AccessRule("^GET /api/staff", ["#staff"]));
        await using var host = await CookieHost.StartAsync(options);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/staff", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("/api/staff", await host.LoginAsync())).StatusCode);
    }
}
