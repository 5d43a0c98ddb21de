namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISessionStore"/> does. A backend's test class derives from this and makes a store.</summary>
public abstract class SessionStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A store that holds no session of the hashes the tests make (<see cref="StoreTime.Unique"/>).</summary>
    protected abstract Task<ISessionStore> CreateStoreAsync();

    /// <summary>Whether <see cref="ISessionStore.PruneAsync"/> counts what it removed (false for stores whose entries
    /// expire by themselves).</summary>
    protected virtual bool PruneCounts => true;

    private static SessionRecord Session(string user, TimeSpan lifetime, string? family = null) =>
        new(StoreTime.TokenHash(), user, StoreTime.Now + lifetime, family);

    [Fact]
    public async Task CreatedSession_IsFound_AsCreated()
    {
        var store = await CreateStoreAsync();
        var session = Session(StoreTime.Unique("alice"), TimeSpan.FromHours(1), "family-1");
        await store.CreateAsync(session, None);
        Assert.Equal(session, await store.FindAsync(session.TokenHash, None));
        var cookie = Session(StoreTime.Unique("bob"), TimeSpan.FromMinutes(5));
        await store.CreateAsync(cookie, None);
        Assert.Equal(cookie, await store.FindAsync(cookie.TokenHash, None));
        Assert.Null(await store.FindAsync(StoreTime.TokenHash(), None));
    }

    [Fact]
    public async Task Remove_IsTrueForExactlyOneOfParallelCallers()
    {
        var store = await CreateStoreAsync();
        var session = Session(StoreTime.Unique("carol"), TimeSpan.FromHours(1), "f");
        await store.CreateAsync(session, None);
        var removed = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await store.RemoveAsync(session.TokenHash, None))));
        Assert.Single(removed, r => r);
        Assert.Null(await store.FindAsync(session.TokenHash, None));
        Assert.False(await store.RemoveAsync(session.TokenHash, None));
    }

    [Fact]
    public async Task RemoveAll_EndsEverySessionOfOneUser_Only()
    {
        var store = await CreateStoreAsync();
        var user = StoreTime.Unique("dave");
        var other = StoreTime.Unique("erin");
        var mine = Enumerable.Range(0, 3).Select(i => Session(user, TimeSpan.FromHours(1), i == 0 ? "f" : null)).ToArray();
        var theirs = Session(other, TimeSpan.FromHours(1));
        foreach (var session in mine.Append(theirs))
        {
            await store.CreateAsync(session, None);
        }

        await store.RemoveAllAsync(user, None);
        foreach (var session in mine)
        {
            Assert.Null(await store.FindAsync(session.TokenHash, None));
        }

        Assert.Equal(theirs, await store.FindAsync(theirs.TokenHash, None));
    }

    [Fact]
    public async Task RemoveFamily_EndsOneFamily_AndCountsIt()
    {
        var store = await CreateStoreAsync();
        var user = StoreTime.Unique("frank");
        var family = StoreTime.Unique("family");
        var members = Enumerable.Range(0, 3).Select(_ => Session(user, TimeSpan.FromHours(1), family)).ToArray();
        var outsider = Session(user, TimeSpan.FromHours(1), StoreTime.Unique("family"));
        foreach (var session in members.Append(outsider))
        {
            await store.CreateAsync(session, None);
        }

        Assert.Equal(3, await store.RemoveFamilyAsync(family, None));
        Assert.Equal(0, await store.RemoveFamilyAsync(family, None));
        Assert.Null(await store.FindAsync(members[1].TokenHash, None));
        Assert.Equal(outsider, await store.FindAsync(outsider.TokenHash, None));
    }

    [Fact]
    public async Task Prune_RemovesExpiredSessions_AndKeepsLiveOnes()
    {
        var store = await CreateStoreAsync();
        var user = StoreTime.Unique("gina");
        var live = Session(user, TimeSpan.FromHours(1));
        var soon = Session(user, TimeSpan.FromMilliseconds(300));
        await store.CreateAsync(live, None);
        await store.CreateAsync(soon, None);
        await Task.Delay(600);
        var pruned = await store.PruneAsync(StoreTime.Now, None);
        if (PruneCounts)
        {
            Assert.True(pruned >= 1, $"pruned {pruned}");
        }

        Assert.Null(await store.FindAsync(soon.TokenHash, None));
        Assert.Equal(live, await store.FindAsync(live.TokenHash, None));
    }

    [Fact]
    public async Task HostileUserNames_RoundTrip_AndDoNotMatchOthers()
    {
        var store = await CreateStoreAsync();
        var hostile = StoreTime.Unique("ü'%_*\"") + "名";
        var session = Session(hostile, TimeSpan.FromHours(1), "fam'%");
        var bystander = Session(StoreTime.Unique("x"), TimeSpan.FromHours(1), "fam'x");
        await store.CreateAsync(session, None);
        await store.CreateAsync(bystander, None);
        Assert.Equal(session, await store.FindAsync(session.TokenHash, None));
        await store.RemoveAllAsync("%", None);
        Assert.Equal(0, await store.RemoveFamilyAsync("fam%", None));
        Assert.Equal(session, await store.FindAsync(session.TokenHash, None));
        Assert.Equal(bystander, await store.FindAsync(bystander.TokenHash, None));
    }
}
