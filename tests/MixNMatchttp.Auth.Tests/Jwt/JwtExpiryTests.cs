using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Token lifetimes on the server's clock (a fake one): access tokens 15 minutes plus the clock skew,
/// refresh tokens 1 day.</summary>
public sealed class JwtExpiryTests
{
    private static readonly TimeSpan Skew = new JwtOptions().ClockSkew;

    [Fact]
    public async Task AccessToken_WorksUntilFifteenMinutesPlusSkew_ThenIs401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await JwtServer.StartAsync(clock: clock);
        var (access, _) = await server.TokensAsync();

        clock.Advance(TimeSpan.FromMinutes(15) + Skew - TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", access)).Status);

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", access)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync(JwtServer.ProtectedFile, access)).Status);
    }

    [Fact]
    public async Task AccessToken_WithZeroSkew_IsRejectedRightAfterExp()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await JwtServer.StartAsync(new JwtOptions { Passphrase = JwtServer.Passphrase, ClockSkew = TimeSpan.Zero }, clock);
        var (access, _) = await server.TokensAsync();

        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", access)).Status);

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", access)).Status);
    }

    [Fact]
    public async Task Tokens_AreStampedWithTheServersClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        await using var server = await JwtServer.StartAsync(clock: clock);

        var (access, _) = await server.TokensAsync();

        var payload = JwtCraft.Decode(access).Payload;
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal(clock.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", access)).Status);
    }

    [Fact]
    public async Task RefreshToken_WorksForADay_ThenIs401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await JwtServer.StartAsync(clock: clock);
        var (_, early) = await server.TokensAsync();
        var (_, late) = await server.TokensAsync();

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        var renewed = await server.RefreshAsync(early);
        Assert.Equal(HttpStatusCode.OK, renewed.Status);

        clock.Advance(TimeSpan.FromMinutes(2));
        JwtFlowTests.AssertJsonFailure(await server.RefreshAsync(late), HttpStatusCode.Unauthorized);

        // The renewed pair was issued a day after the first: it is current.
        Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", renewed.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(renewed.RefreshToken)).Status);
    }

    [Fact]
    public async Task ExpiredRefreshToken_StaysDeadAfterPruning()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await JwtServer.StartAsync(clock: clock);
        var (_, refresh) = await server.TokensAsync();

        clock.Advance(TimeSpan.FromDays(2));

        JwtFlowTests.AssertJsonFailure(await server.RefreshAsync(refresh), HttpStatusCode.Unauthorized);
        var fresh = await server.TokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(fresh.Refresh)).Status);
    }

    [Fact]
    public async Task ConfiguredRefreshLifetime_IsHonoured()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await JwtServer.StartAsync(new JwtOptions { Passphrase = JwtServer.Passphrase, RefreshTokenLifetime = TimeSpan.FromHours(1) }, clock);
        var (_, refresh) = await server.TokensAsync();

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        JwtFlowTests.AssertJsonFailure(await server.RefreshAsync(refresh), HttpStatusCode.Unauthorized);
    }
}
