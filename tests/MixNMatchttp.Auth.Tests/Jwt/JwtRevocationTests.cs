using System.Net;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Logout and password change revoke the access token they carry (its <c>jti</c> is listed until its <c>exp</c>),
/// so a stolen access token stops working when its owner logs out; other tokens keep working.</summary>
public sealed class JwtRevocationTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Logout_RevokesTheAccessTokenItCarries_AndOnlyThatOne(string method)
    {
        await using var server = await JwtServer.StartAsync();
        var (stolen, refresh) = await server.TokensAsync();
        var (other, _) = await server.TokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync(JwtServer.ProtectedFile, stolen)).Status);

        var logout = await server.RequestAsync($"/logout?refresh_token={refresh}", stolen, method);

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        var refused = await server.RequestAsync(JwtServer.ProtectedFile, stolen);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("Bearer error=\"invalid_token\"", refused.Header("WWW-Authenticate"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RefreshAsync(refresh)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync(JwtServer.ProtectedFile, other)).Status);
        Assert.Equal(1, ((MemoryRevokedTokenStore)server.Module.RevokedTokens).Count);
    }

    [Fact]
    public async Task LogoutWithoutAnAccessToken_RevokesNothing_AndAForgedOrGarbageBearerIsIgnored()
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("/logout", ParamStyle.Form)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/logout", "not.a.token")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/logout", access[..^2] + "xx")).Status);

        Assert.Equal(0, ((MemoryRevokedTokenStore)server.Module.RevokedTokens).Count);
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync(JwtServer.ProtectedFile, access)).Status);
    }

    [Fact]
    public async Task ChangePassword_RevokesTheAccessTokenItCarries_AndTheNewPairWorks()
    {
        await using var server = await JwtServer.StartAsync();
        var (old, _) = await server.TokensAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/changepwd")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = JwtServer.Password, ["new_password"] = "N3w!Passw0rd-x" }),
        };
        request.Headers.Authorization = new("Bearer", old);
        using var response = await server.Client.SendAsync(request);
        var change = await Reply.ReadAsync(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, change.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync(JwtServer.ProtectedFile, old)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync(JwtServer.ProtectedFile, change.AccessToken)).Status);
    }

    [Fact]
    public async Task ARevocation_ReachesAnotherInstanceSharingTheStore()
    {
        var shared = new MemoryRevokedTokenStore();
        var jwt = new JwtOptions { Passphrase = JwtServer.Passphrase };
        await using var a = await JwtServer.StartAsync(jwt, configure: options => options.RevokedTokenStore = shared);
        await using var b = await JwtServer.StartAsync(jwt, configure: options => options.RevokedTokenStore = shared);
        var (access, refresh) = await a.TokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await b.RequestAsync(JwtServer.ProtectedFile, access)).Status);

        Assert.Equal(HttpStatusCode.OK, (await a.RequestAsync($"/logout?refresh_token={refresh}", access)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await b.RequestAsync(JwtServer.ProtectedFile, access)).Status);
    }

    [Fact]
    public async Task PruneForgetsRevocations_OfTokensThatHaveExpired()
    {
        var store = new MemoryRevokedTokenStore();
        var now = DateTimeOffset.UtcNow;
        await store.RevokeAsync("gone", now.AddSeconds(-1), CancellationToken.None);
        await store.RevokeAsync("live", now.AddMinutes(15), CancellationToken.None);

        Assert.Equal(1, await store.PruneAsync(now, CancellationToken.None));
        Assert.False(await store.IsRevokedAsync("gone", CancellationToken.None));
        Assert.True(await store.IsRevokedAsync("live", CancellationToken.None));
    }
}
