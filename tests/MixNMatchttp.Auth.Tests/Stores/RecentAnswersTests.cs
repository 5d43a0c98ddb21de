namespace MixNMatchttp.Auth.Tests.Stores;

/// <summary>A shared store is asked at most once a second per token (<see cref="RecentSessions"/>,
/// <see cref="RecentRevocations"/>, <see cref="RecentUsers"/>); what this instance changes it sees at once. This is
/// the caching logic alone: <see cref="SharedStoreTrafficTests"/> runs it behind a server.</summary>
public sealed class RecentAnswersTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ASession_IsAskedOfTheStoreOnceASecond_AndItsRemovalElsewhereIsSeenAfterThat()
    {
        var store = new CountingSessionStore();
        var recent = new RecentSessions(store);
        var session = new SessionRecord("hash", "alice", DateTimeOffset.UtcNow.AddHours(1));
        await store.CreateAsync(session, None);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(session, await recent.FindAsync("hash", None));
        }

        Assert.Equal(1, store.Finds.Total);
        await store.RemoveAsync("hash", None); // another instance ends it
        Assert.Equal(session, await recent.FindAsync("hash", None));
        await Task.Delay(1100);
        Assert.Null(await recent.FindAsync("hash", None));
        Assert.Equal(2, store.Finds.Total);
    }

    [Fact]
    public async Task AnUnknownSession_IsAskedOnceASecond_ButOneCreatedHereIsFoundAtOnce()
    {
        var store = new CountingSessionStore();
        var recent = new RecentSessions(store);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await recent.FindAsync("hash", None));
        }

        Assert.Equal(1, store.Finds.Total);
        var session = new SessionRecord("hash", "alice", DateTimeOffset.UtcNow.AddHours(1));
        await recent.CreateAsync(session, None);
        Assert.Equal(session, await recent.FindAsync("hash", None));
        Assert.Equal(2, store.Finds.Total);
    }

    [Fact]
    public async Task ASessionEndedHere_IsGoneAtOnce_ByTokenUserAndFamily()
    {
        var store = new CountingSessionStore();
        var recent = new RecentSessions(store);
        var now = DateTimeOffset.UtcNow;
        await recent.CreateAsync(new SessionRecord("a", "alice", now.AddHours(1)), None);
        await recent.CreateAsync(new SessionRecord("b", "bob", now.AddHours(1)), None);
        await recent.CreateAsync(new SessionRecord("c", "carol", now.AddHours(1), "family"), None);
        foreach (var hash in new[] { "a", "b", "c" })
        {
            Assert.NotNull(await recent.FindAsync(hash, None));
        }

        Assert.True(await recent.RemoveAsync("a", None));
        await recent.RemoveAllAsync("bob", None);
        Assert.Equal(1, await recent.RemoveFamilyAsync("family", None));

        Assert.Null(await recent.FindAsync("a", None));
        Assert.Null(await recent.FindAsync("b", None));
        Assert.Null(await recent.FindAsync("c", None));
    }

    [Fact]
    public async Task ARevocation_IsAskedOnceASecond_SeenAtOnceHere_AndWithinASecondFromElsewhere()
    {
        var store = new CountingRevokedTokenStore();
        var recent = new RecentRevocations(store);
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);

        for (var i = 0; i < 100; i++)
        {
            Assert.False(await recent.IsRevokedAsync("jti-1", None));
        }

        Assert.Equal(1, store.Checks.Total);
        await store.RevokeAsync("jti-1", expires, None); // another instance revokes it
        await Task.Delay(1100);
        Assert.True(await recent.IsRevokedAsync("jti-1", None));

        await recent.RevokeAsync("jti-2", expires, None);
        Assert.True(await recent.IsRevokedAsync("jti-2", None));
        Assert.Equal(2, store.Checks.Total);
    }

    [Fact]
    public async Task AUser_IsRememberedForSessions_ButCredentialChecksAndChangesHereAlwaysReachTheStore()
    {
        var store = new CountingUserStore();
        var recent = new RecentUsers(store);
        await recent.TryCreateAsync(new UserRecord("alice", "hash-1", ["staff"]), None);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("hash-1", (await recent.FindRecentAsync("alice", None))!.PasswordHash);
            Assert.Null(await recent.FindRecentAsync("nobody", None));
        }

        Assert.Equal(2, store.Finds.Total);
        await store.UpdatePasswordHashAsync("alice", "hash-2", None); // another instance changes it
        Assert.Equal("hash-2", (await recent.FindAsync("alice", None))!.PasswordHash);
        Assert.Equal("hash-1", (await recent.FindRecentAsync("alice", None))!.PasswordHash);

        await recent.UpdatePasswordHashAsync("alice", "hash-3", None);
        Assert.Equal("hash-3", (await recent.FindRecentAsync("alice", None))!.PasswordHash);
        await recent.UpsertAsync(new UserRecord("alice", "hash-3", ["admin"]), None);
        Assert.Equal(["admin"], (await recent.FindRecentAsync("alice", None))!.Roles);
        await recent.TryCreateAsync(new UserRecord("nobody", "hash", []), None);
        Assert.NotNull(await recent.FindRecentAsync("nobody", None));
        await recent.RemoveAsync("alice", None);
        Assert.Null(await recent.FindRecentAsync("alice", None));
    }

    [Fact]
    public async Task ConcurrentMisses_ShareOneStoreCall_AndEveryCallerGetsItsAnswer()
    {
        var call = new GatedCall();
        var recent = new RecentAnswers<string?>(call.AskAsync);
        var waiters = Enumerable.Range(0, 50).Select(_ => recent.GetAsync("key", None)).ToList();
        await call.Started.WaitAsync(TimeSpan.FromSeconds(10));
        call.Answer("value");

        Assert.All(await Task.WhenAll(waiters), answer => Assert.Equal("value", answer));
        Assert.Equal("value", await recent.GetAsync("key", None));
        Assert.Equal(1, call.Calls);
    }

    [Fact]
    public async Task AFailedStoreCall_FailsItsWaiters_AndIsNotRemembered()
    {
        var calls = 0;
        Func<string, Task<string?>> store = Fail;
        var recent = new RecentAnswers<string?>(key => store(key));
        Task<string?> Fail(string key)
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("the store is down");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => recent.GetAsync("key", None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => recent.GetAsync("key", None));
        Assert.Equal(2, calls);
        store = _ => Task.FromResult<string?>("value"); // the store is back
        Assert.Equal("value", await recent.GetAsync("key", None));
    }

    [Fact]
    public async Task AKeyForgottenDuringItsStoreCall_IsNotRememberedFromThatCall()
    {
        var call = new GatedCall();
        Func<string, Task<string?>> store = call.AskAsync;
        var recent = new RecentAnswers<string?>(key => store(key));
        var waiter = recent.GetAsync("key", None);
        await call.Started.WaitAsync(TimeSpan.FromSeconds(10));
        recent.Forget("key"); // e.g. the session is ended here while the look-up runs
        call.Answer("stale");
        Assert.Equal("stale", await waiter);

        store = _ => Task.FromResult<string?>("fresh");
        Assert.Equal("fresh", await recent.GetAsync("key", None));
    }

    [Fact]
    public async Task AWaiterThatGivesUp_LeavesTheSharedCallToTheOthers()
    {
        var call = new GatedCall();
        var recent = new RecentAnswers<string?>(call.AskAsync);
        using var cancel = new CancellationTokenSource();
        var leaving = recent.GetAsync("key", cancel.Token);
        var staying = recent.GetAsync("key", None);
        await call.Started.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        call.Answer("value");

        Assert.Equal("value", await staying);
        Assert.Equal(1, call.Calls);
    }

    /// <summary>A store call that answers when told to.</summary>
    private sealed class GatedCall
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task Started => _started.Task;

        public Task<string?> AskAsync(string key)
        {
            Interlocked.Increment(ref _calls);
            _started.TrySetResult();
            return _answer.Task;
        }

        public void Answer(string value) => _answer.SetResult(value);
    }
}
