using System.Net;

namespace MixNMatchttp.Auth.Tests.Cookie;

/// <summary>The /login and /logout endpoints as the seed documents them: GET logins, never protected whatever the
/// spelling of their path, and a failed login that ends the session tells the browser so.</summary>
public sealed class LoginEndpointTests
{
    private static FormUrlEncodedContent Credentials(string username, string password) =>
        new([new("username", username), new("password", password)]);

    [Fact]
    public async Task FailedLoginWithASession_EndsIt_AndSendsTheClearingCookie()
    {
        await using var host = await CookieHost.StartAsync();
        var token = await host.LoginAsync();

        var failed = await host.SendAsync(HttpMethod.Post, "/login", token, Credentials("alice", "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        var cookie = Assert.Single(failed.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("SESSION=;", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=0", cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/secret/file.txt", token)).StatusCode);
    }

    [Fact]
    public async Task FailedLoginWithoutASession_SendsNoCookie()
    {
        await using var host = await CookieHost.StartAsync();

        var failed = await host.Client.PostAsync("/login", Credentials("alice", "wrong"));

        Assert.False(failed.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/login/")]
    [InlineData("/LOGIN/")]
    [InlineData("/./login")]
    [InlineData("/login//")]
    public async Task LoginPathWithATrailingSlashOrOtherSpelling_IsNotProtectedByACatchAllRule(string path)
    {
        var options = CookieHost.CheapOptions();
        options.AccessRules.Add(new AccessRule(".*", ["*"]));
        await using var host = await CookieHost.StartAsync(options);

        var response = await host.Client.PostAsync(path, Credentials("alice", CookieHost.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(CookieHost.SessionToken(response));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/logout/", null)).StatusCode);
    }

    [Theory]
    [InlineData("/login/more")]
    [InlineData("/loginx")]
    [InlineData("/api/login")]
    public async Task PathThatIsNotTheLoginEndpoint_IsStillProtected(string path)
    {
        var options = CookieHost.CheapOptions();
        options.AccessRules.Add(new AccessRule(".*", ["*"]));
        await using var host = await CookieHost.StartAsync(options);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync(path, Credentials("alice", CookieHost.Password))).StatusCode);
    }

    [Fact]
    public async Task GetLogin_WithUsernamePasswordAndGoto_LogsInAndRedirects()
    {
        await using var host = await CookieHost.StartAsync();

        var response = await host.Client.GetAsync($"/login?username=alice&password={Uri.EscapeDataString(CookieHost.Password)}&goto=/welcome");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/welcome", response.Headers.Location!.OriginalString);
        var token = CookieHost.SessionToken(response);
        Assert.Equal("top secret", await (await host.GetAsync("/secret/file.txt", token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetLogin_WhenTurnedOff_Is405()
    {
        var options = CookieHost.CheapOptions();
        options.AllowGetLogin = false;
        await using var host = await CookieHost.StartAsync(options);

        var response = await host.Client.GetAsync($"/login?username=alice&password={Uri.EscapeDataString(CookieHost.Password)}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(CookieHost.SessionToken(response));
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/login", Credentials("alice", CookieHost.Password))).StatusCode);
    }
}
