using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;

namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>The password endpoints are rate-limited per client address: a token bucket of
/// <see cref="RateLimitOptions.Burst"/> requests refilled with <see cref="RateLimitOptions.PermitsPerSecond"/> a second;
/// beyond it 429 with Retry-After, and other addresses are not affected.</summary>
public sealed class ClientRateLimitTests
{
    [Fact]
    public void AnAddressOverItsBurst_IsRefusedWithAWait_AndOtherAddressesAreNot()
    {
        using var limiter = new ClientRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = 3 });

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryAcquire("192.0.2.1"));
        }

        var wait = limiter.TryAcquire("192.0.2.1");
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryAcquire("192.0.2.2"));
        }

        Assert.NotNull(limiter.TryAcquire("192.0.2.2"));
    }

    [Fact]
    public async Task ARefusedAddress_GetsItsPermitsBackAtTheConfiguredRate()
    {
        using var limiter = new ClientRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = 2 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(limiter.TryAcquire("192.0.2.1"));
        Assert.Null(limiter.TryAcquire("192.0.2.1"));

        await Task.Delay(300);
        var early = limiter.TryAcquire("192.0.2.1");
        if (watch.Elapsed < TimeSpan.FromMilliseconds(900))
        {
            Assert.NotNull(early);
        }

        await Task.Delay(1500);
        Assert.Null(limiter.TryAcquire("192.0.2.1"));
    }

    [Fact]
    public void ZeroPermitsPerSecond_TurnsTheLimitOff()
    {
        using var limiter = new ClientRateLimiter(new RateLimitOptions { PermitsPerSecond = 0, Burst = 1 });
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(limiter.TryAcquire("192.0.2.1"));
        }
    }

    [Fact]
    public async Task LoginsAndRegistrationsFromOneAddressBeyondTheBurst_Get429WithRetryAfter()
    {
        var options = CookieHost.CheapOptions();
        options.RateLimit = new RateLimitOptions { PermitsPerSecond = 1, Burst = 3 };
        await using var host = await CookieHost.StartAsync(options);
        var work = HashWork.Watch(host.Auth.Hasher);

        // The bucket is refilled a second after the first request; these take far less.
        var logins = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            logins.Add(await LoginAsync(host));
        }

        var registration = await host.Client.PostAsync("/register", CookieHost.Credentials("bob", "B0b!Passw0rdXX"));
        logins.Add(await LoginAsync(host));

        Assert.All(logins.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, registration.StatusCode);
        Assert.Equal("1", registration.Headers.RetryAfter?.ToString());
        Assert.Contains("too many requests", await registration.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3 + (logins[3].StatusCode == HttpStatusCode.OK ? 1 : 0), work.Started);
        Assert.Contains(host.Host.Log.Entries, e => e.Message.Contains("over the address's rate limit", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> LoginAsync(CookieHost host) =>
        host.Client.PostAsync("/login", CookieHost.Credentials("alice", CookieHost.Password));

    [Fact]
    public async Task BadRateLimitAndHashingLimitSettings_AreBuildErrors()
    {
        var options = CookieHost.CheapOptions();
        options.RateLimit = new RateLimitOptions { PermitsPerSecond = -1, Burst = 0 };
        options.HashingLimit = new HashingLimitOptions { MaxConcurrent = 0, QueueLimit = -1, QueueTimeout = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => CookieHost.StartAsync(options));

        Assert.Equal(4, error.Problems.Count(p => p.Contains("HashingLimitOptions", StringComparison.Ordinal) || p.Contains("RateLimitOptions", StringComparison.Ordinal)));
    }
}
