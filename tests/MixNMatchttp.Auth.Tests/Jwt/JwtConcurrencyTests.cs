using System.Net;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>Parallel logins, refreshes and registrations: every refresh token is distinct and single-use, even
/// when the same one is presented by many requests at once.</summary>
public sealed class JwtConcurrencyTests
{
    private const int Parallel = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ParallelLogins_GiveDistinctRefreshTokens_EachWorkingExactlyOnce()
    {
        // Lockout off: attempts being checked count against the address, and 50 at once from 127.0.0.1 exceed its 5.
        await using var server = await JwtServer.StartAsync(configure: o => o.Lockout = new LockoutOptions { MaxFailures = 0 });

        var logins = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => server.LoginAsync(i % 2 == 0 ? "alice" : "bob"))).WaitAsync(Timeout);

        Assert.All(logins, login => Assert.Equal(HttpStatusCode.OK, login.Status));
        var refreshTokens = logins.Select(l => l.RefreshToken!).ToList();
        Assert.Equal(Parallel, refreshTokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Parallel, logins.Select(l => l.AccessToken!).Distinct(StringComparer.Ordinal).Count());

        var renewed = await Task.WhenAll(refreshTokens.Select(t => server.RefreshAsync(t))).WaitAsync(Timeout);
        Assert.All(renewed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(2 * Parallel, renewed.Select(r => r.RefreshToken!).Concat(refreshTokens).Distinct(StringComparer.Ordinal).Count());

        var replayed = await Task.WhenAll(refreshTokens.Select(t => server.RefreshAsync(t))).WaitAsync(Timeout);
        Assert.All(replayed, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
    }

    [Fact]
    public async Task OneRefreshTokenPresentedInParallel_SucceedsExactlyOnce_AndTheReuseRevokesTheWinnersToken()
    {
        await using var server = await JwtServer.StartAsync();

        for (var round = 0; round < 5; round++)
        {
            var (_, refresh) = await server.TokensAsync();

            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => server.RefreshAsync(refresh))).WaitAsync(Timeout);

            var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
            Assert.All(results.Where(r => r != winner), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.RefreshAsync(winner.RefreshToken)).Status);
        }
    }

    [Fact]
    public async Task TwoParallelRefreshes_AtMostOneSucceeds()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, refresh) = await server.TokensAsync();

        var results = await Task.WhenAll(server.RefreshAsync(refresh), server.RefreshAsync(refresh)).WaitAsync(Timeout);

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task ParallelRegistrationsOfOneName_CreateItOnce()
    {
        await using var server = await JwtServer.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            server.PostAsync("/register", ParamStyle.Form, ("username", "dave"), ("password", $"Passw0rd!number{i}")))).WaitAsync(Timeout);

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.Equal("user=dave", (await server.RequestAsync("/secret", winner.AccessToken)).Text);
    }
}
