using System.Net;
using MixNMatchttp.Auth.Tests.Cookie;

namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>Password hashing is bounded: a taken user name or a weak password is refused before any hash, at most
/// <see cref="HashingLimitOptions.MaxConcurrent"/> computations run at once, and a request that cannot get a permit
/// (queue full, or waited too long) gets 503 with Retry-After without counting as a failed login.</summary>
public sealed class PasswordHashingLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Argon2id at about the cost of the default (a few tens of milliseconds a computation).</summary>
    private static AuthOptions Argon2Options(int memoryKiB, HashingLimitOptions limit, int iterations = 2)
    {
        var options = CookieHost.CheapOptions();
        options.PasswordHashing = new PasswordHashingOptions { HashType = PasswordHashType.Argon2id, Argon2MemoryKiB = memoryKiB, Argon2Iterations = iterations };
        options.HashingLimit = limit;
        return options;
    }

    [Fact]
    public async Task RegisteringATakenName_IsRefusedWithoutHashing()
    {
        await using var host = await CookieHost.StartAsync();
        var work = HashWork.Watch(host.Auth.Hasher);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => host.Client.PostAsync("/register", CookieHost.Credentials("alice", "An0ther!Passw0rd")))).WaitAsync(Timeout);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Contains("already exists", await answers[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/register", CookieHost.Credentials("bob", "weak"))).StatusCode);
        Assert.Equal(0, work.Started);
    }

    [Fact]
    public async Task ChangingToAWeakPassword_IsRefusedWithoutHashing()
    {
        await using var host = await CookieHost.StartAsync();
        var work = HashWork.Watch(host.Auth.Hasher);

        var answer = await host.Client.PostAsync("/changepwd", new FormUrlEncodedContent(
            [new("username", "alice"), new("password", CookieHost.Password), new("new_password", "weak")]));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, work.Started);
    }

    [Fact]
    public async Task ParallelRegistrationsAndLogins_NeverHashMoreAtOnceThanThePermits()
    {
        var limit = new HashingLimitOptions { MaxConcurrent = 2, QueueLimit = 100, QueueTimeout = Timeout };
        await using var host = await CookieHost.StartAsync(Argon2Options(8192, limit));
        var work = HashWork.Watch(host.Auth.Hasher);

        var registrations = Enumerable.Range(0, 16).Select(i => host.Client.PostAsync("/register", CookieHost.Credentials($"user{i}", "Us3r!Passw0rd")));
        var logins = Enumerable.Range(0, 4).Select(_ => host.Client.PostAsync("/login", CookieHost.Credentials("alice", CookieHost.Password)));
        var answers = await Task.WhenAll(registrations.Concat(logins)).WaitAsync(Timeout);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(20, work.Started);
        Assert.InRange(work.Peak, 1, 2);
    }

    [Fact]
    public async Task RegistrationsBeyondTheQueue_Get503WithRetryAfter_AndAreNeverHashed()
    {
        var limit = new HashingLimitOptions { MaxConcurrent = 1, QueueLimit = 2, QueueTimeout = Timeout };
        await using var host = await CookieHost.StartAsync(Argon2Options(32768, limit));
        var work = HashWork.Watch(host.Auth.Hasher);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => host.Client.PostAsync("/register", CookieHost.Credentials($"user{i}", "Us3r!Passw0rd")))).WaitAsync(Timeout);

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(16, created + busy.Count);
        Assert.InRange(created, 1, 15);
        Assert.All(busy, a => Assert.Equal("1", a.Headers.RetryAfter?.ToString()));
        Assert.Contains("busy", await busy[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(created, work.Started);
        Assert.Equal(1, work.Peak);
    }

    [Fact]
    public async Task LoginsWaitingLongerThanTheTimeout_Get503_AndDoNotCountTowardsLockout()
    {
        var limit = new HashingLimitOptions { MaxConcurrent = 1, QueueLimit = 10, QueueTimeout = TimeSpan.FromMilliseconds(20) };
        // A slow hash (about a second) leaves the logins below ample time to be refused while it runs, on a busy machine too.
        var options = Argon2Options(65536, limit, iterations: 24);
        options.Lockout = new LockoutOptions { MaxFailures = 3 };
        await using var host = await CookieHost.StartAsync(options);
        var work = HashWork.Watch(host.Auth.Hasher);

        // A slow registration holds the only permit while the logins wait for it.
        var registration = host.Client.PostAsync("/register", CookieHost.Credentials("bob", "B0b!Passw0rdXX"));
        var deadline = DateTime.UtcNow + Timeout;
        while (work.Running == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        var busy = new List<HttpResponseMessage>();
        for (var i = 0; i < 5 && work.Running > 0; i++)
        {
            busy.Add(await host.Client.PostAsync("/login", CookieHost.Credentials("alice", CookieHost.Password)));
        }

        Assert.Equal(HttpStatusCode.OK, (await registration.WaitAsync(Timeout)).StatusCode);
        Assert.NotEmpty(busy);
        Assert.All(busy, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(busy, a => Assert.Equal("1", a.Headers.RetryAfter?.ToString()));
        Assert.NotNull(await host.LoginAsync());
    }
}
