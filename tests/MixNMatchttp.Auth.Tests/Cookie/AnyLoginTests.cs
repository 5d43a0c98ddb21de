using System.Net;
using MixNMatchttp.Auth.Tests.Jwt;

namespace MixNMatchttp.Auth.Tests.Cookie;

/// <summary><see cref="AuthOptions.AnyLogin"/>: the original CORS demo server's "any credentials log in", for labs.</summary>
public sealed class AnyLoginTests
{
    private static AuthOptions AnyLogin()
    {
        var options = CookieHost.CheapOptions();
        options.AnyLogin = true;
        return options;
    }

    [Fact]
    public async Task AnyNameAndPassword_LogIn_AndOpenProtectedPaths()
    {
        await using var host = await CookieHost.StartAsync(AnyLogin());
        var token = await host.LoginAsync("mallory", "x");
        using var secret = await host.GetAsync("/api/secret", token);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        Assert.Equal("secret for mallory", await secret.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStoredUser_LogsInWithAnyPassword_AndKeepsItsRoles()
    {
        await using var host = await CookieHost.StartAsync(AnyLogin());
        var token = await host.LoginAsync("alice", "not her password");
        using var secret = await host.GetAsync("/api/secret", token);
        Assert.Equal("secret for alice", await secret.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0001name")]
    [InlineData("a:b")]
    public async Task AnInvalidName_IsStillRefused(string username)
    {
        await using var host = await CookieHost.StartAsync(AnyLogin());
        using var response = await host.Client.PostAsync("/login", CookieHost.Credentials(username, "x"));
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.Null(CookieHost.SessionToken(response));
    }

    [Fact]
    public async Task WithoutAnyLogin_AnUnknownUserIsRefused()
    {
        await using var host = await CookieHost.StartAsync();
        using var response = await host.Client.PostAsync("/login", CookieHost.Credentials("mallory", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Jwt_AnyNameGetsATokenThatOpensProtectedPaths()
    {
        await using var server = await JwtServer.StartAsync(configure: options => options.AnyLogin = true);
        var (access, _) = await server.TokensAsync("mallory", "whatever");
        var reply = await server.RequestAsync("/secret", access);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }
}
