using System.Net;
using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;

namespace MixNMatchttp.Auth.Tests.Cookie;

public sealed class PreflightAndGotoTests
{
    private static async Task<TestHost> StartAsync(TempDirectory root)
    {
        var options = CookieHost.CheapOptions();
        var auth = new CookieAuth(options);
        var api = new TestModule(new() { ["secret"] = new() { AllowedMethods = ["GET", "POST"] } }, map => map.Any("secret", c => new(c.RenderAsync("the secret", "text/plain"))));
        var host = await TestHost.StartAsync(auth, new Cors(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true }), api, new StaticFiles(new() { Root = root.Path }));
        await auth.AddUserAsync("alice", CookieHost.Password);
        return host;
    }

    [Theory]
    [InlineData("/secret")] // an endpoint
    [InlineData("/secret/file.txt")] // a file
    public async Task APreflightToAProtectedPath_IsAnsweredWithTheCorsHeaders_NotA401(string path)
    {
        using var root = new TempDirectory();
        root.File("secret/file.txt", "top secret");
        await using var host = await StartAsync(root);

        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "http://localhost:9999");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await host.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["http://localhost:9999"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["true"], response.Headers.GetValues("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task TheRequestAfterThePreflight_StillNeedsTheLogin()
    {
        using var root = new TempDirectory();
        await using var host = await StartAsync(root);

        var plainOptions = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/secret"));
        var post = new HttpRequestMessage(HttpMethod.Post, "/secret");
        post.Headers.Add("Origin", "http://localhost:9999");
        var anonymous = await host.Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Unauthorized, plainOptions.StatusCode); // not a preflight: no Origin, no requested method
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/register")]
    public async Task AGotoWithAControlCharacter_IsRefused_BeforeAnySessionIsCreated(string endpoint)
    {
        await using var host = await CookieHost.StartAsync();

        var response = await host.Client.PostAsync(endpoint, new FormUrlEncodedContent([
            new("username", endpoint == "/login" ? "alice" : "bob"), new("password", CookieHost.Password), new("goto", "/x\r\nSet-Cookie: evil=1")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request: the goto address contains control characters\n", await response.Content.ReadAsStringAsync());
        Assert.Null(CookieHost.SessionToken(response));
        Assert.Null(await host.Auth.Users.FindAsync("bob", default));
    }

    [Fact]
    public async Task ANonAsciiGoto_AfterLogin_IsSentPercentEncoded_WithTheSessionCookie()
    {
        await using var host = await CookieHost.StartAsync();

        var response = await host.Client.PostAsync("/login?goto=/caf%C3%A9", new FormUrlEncodedContent([new("username", "alice"), new("password", CookieHost.Password)]));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/caf%C3%A9", response.Headers.Location!.OriginalString);
        Assert.NotNull(CookieHost.SessionToken(response));
    }

    [Fact]
    public async Task AUserNameWithControlCharacters_IsEscapedInTheLog()
    {
        await using var host = await CookieHost.StartAsync();

        await host.Client.PostAsync("/login", new FormUrlEncodedContent([new("username", "eve\u001b[31m\r\nforged line"), new("password", "wrong")]));

        var failure = Assert.Single(host.Host.Log.Entries, entry => entry.Message.Contains("eve", StringComparison.Ordinal));
        Assert.Contains("eve\\x1b[31m\\x0d\\x0aforged line", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
    }
}
