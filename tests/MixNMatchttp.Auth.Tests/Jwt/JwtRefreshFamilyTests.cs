using System.Net;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Presenting a rotated refresh token again revokes every refresh token descended from the same login
/// (OWASP refresh token rotation with reuse detection); other logins keep theirs.</summary>
public sealed class JwtRefreshFamilyTests
{
    [Fact]
    public async Task ReusedRotatedRefreshToken_RevokesEveryTokenOfItsLogin_AndOnlyThose()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, first) = await server.TokensAsync();
        var (_, otherLogin) = await server.TokensAsync();
        var second = (await server.RefreshAsync(first)).RefreshToken;
        var third = (await server.RefreshAsync(second)).RefreshToken;
        Assert.NotNull(third);

        var reuse = await server.RefreshAsync(first);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.Status);
        Assert.Equal("the refresh token has already been used", reuse.Error);
        Assert.Contains(server.Host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("presented again", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RefreshAsync(third)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RefreshAsync(second)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(otherLogin)).Status);
    }

    [Fact]
    public async Task RefreshTokenOfARemovedUser_IsRejected()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, refresh) = await server.TokensAsync("bob");

        Assert.True(await server.Module.Users.RemoveAsync("bob", default));

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RefreshAsync(refresh)).Status);
    }
}
