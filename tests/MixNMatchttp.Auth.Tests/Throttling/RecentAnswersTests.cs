namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>A shared store is asked at most once a second per token (<see cref="RecentSessions"/>,
/// <see cref="RecentRevocations"/>); what this instance changes it sees at once. The counting stores are in-process
/// fakes: this is the caching logic alone.</summary>
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

        Assert.Equal(1, store.Finds);
        await store.RemoveAsync("hash", None); // another instance ends it
        Assert.Equal(session, await recent.FindAsync("hash", None));
        await Task.Delay(1100);
        Assert.Null(await recent.FindAsync("hash", None));
        Assert.Equal(2, store.Finds);
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

        Assert.Equal(1, store.Checks);
        await store.RevokeAsync("jti-1", expires, None); // another instance revokes it
        await Task.Delay(1100);
        Assert.True(await recent.IsRevokedAsync("jti-1", None));

        await recent.RevokeAsync("jti-2", expires, None);
        Assert.True(await recent.IsRevokedAsync("jti-2", None));
        Assert.Equal(2, store.Checks);
    }

    private sealed class CountingSessionStore : ISessionStore
    {
        private readonly MemorySessionStore _inner = new();

        public int Finds { get; private set; }

        public ValueTask CreateAsync(SessionRecord session, CancellationToken cancellationToken) => _inner.CreateAsync(session, cancellationToken);

        public ValueTask<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
        {
            Finds++;
            return _inner.FindAsync(tokenHash, cancellationToken);
        }

        public ValueTask<bool> RemoveAsync(string tokenHash, CancellationToken cancellationToken) => _inner.RemoveAsync(tokenHash, cancellationToken);

        public ValueTask RemoveAllAsync(string username, CancellationToken cancellationToken) => _inner.RemoveAllAsync(username, cancellationToken);

        public ValueTask<int> RemoveFamilyAsync(string family, CancellationToken cancellationToken) => _inner.RemoveFamilyAsync(family, cancellationToken);

        public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PruneAsync(now, cancellationToken);
    }

    private sealed class CountingRevokedTokenStore : IRevokedTokenStore
    {
        private readonly MemoryRevokedTokenStore _inner = new();

        public int Checks { get; private set; }

        public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => _inner.RevokeAsync(tokenId, expiresAt, cancellationToken);

        public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
        {
            Checks++;
            return _inner.IsRevokedAsync(tokenId, cancellationToken);
        }

        public ValueTask<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PruneAsync(now, cancellationToken);
    }
}
