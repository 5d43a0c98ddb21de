using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;
using MixNMatchttp.Auth.Tests.Stores;

namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>A burst of parallel logins gets exactly <see cref="LockoutOptions.MaxFailures"/> password checks: the
/// attempt is reserved before the user is looked up, not counted after the password was checked.</summary>
public sealed class LockoutRaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ParallelWrongPasswords_GetExactlyMaxFailuresPasswordChecks_AndTheRightPasswordInTheBurstIsLockedOut()
    {
        var store = new CountingUserStore(TimeSpan.FromSeconds(1));
        var options = CookieHost.CheapOptions();
        options.UserStore = store;
        options.Lockout = new LockoutOptions { MaxFailures = 5 };
        await using var host = await CookieHost.StartAsync(options);

        var wrong = Enumerable.Range(0, 20).Select(i => host.Client.PostAsync("/login", CookieHost.Credentials("alice", "wrong" + i))).ToList();
        var deadline = DateTime.UtcNow + Timeout;
        while (store.Finds.Total < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // Five guesses are being checked and none has failed yet: the right password must not slip in.
        var right = await host.Client.PostAsync("/login", CookieHost.Credentials("alice", CookieHost.Password)).WaitAsync(Timeout);
        var answers = await Task.WhenAll(wrong).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Null(CookieHost.SessionToken(right));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, store.Finds.Total);
    }

    [Fact]
    public async Task SuccessfulLogin_ReleasesItsReservation_SoManyLoginsInARowAreNotLockedOut()
    {
        var options = CookieHost.CheapOptions();
        options.Lockout = new LockoutOptions { MaxFailures = 2 };
        await using var host = await CookieHost.StartAsync(options);

        for (var i = 0; i < 6; i++)
        {
            Assert.NotNull(await host.LoginAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/login", CookieHost.Credentials("alice", "wrong"))).StatusCode);
        Assert.NotNull(await host.LoginAsync());
    }
}
