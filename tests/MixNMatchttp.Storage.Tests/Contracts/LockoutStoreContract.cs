namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>What every <see cref="ILockoutStore"/> does. A backend's test class derives from this and makes a store.</summary>
public abstract class LockoutStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>A store that holds no count of the accounts and addresses the tests make (<see cref="StoreTime.Unique"/>).</summary>
    protected abstract Task<ILockoutStore> CreateStoreAsync();

    /// <summary>Whether <see cref="ILockoutStore.PruneAsync"/> counts what it removed (false for stores whose entries
    /// expire by themselves).</summary>
    protected virtual bool PruneCounts => true;

    [Fact]
    public async Task AfterMaxFailures_TheAccountIsLocked_ForTheRestOfTheWindow()
    {
        var store = await CreateStoreAsync();
        var (account, now) = (StoreTime.Unique("alice"), StoreTime.Now);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("10.0.0."), 3, Window, now.AddSeconds(i), None));
        }

        // The lock lasts a window after the last failure (at now + 2 s).
        Assert.Equal(Window - TimeSpan.FromSeconds(1), await store.TryReserveAsync(account, StoreTime.Unique("10.0.0."), 3, Window, now.AddSeconds(3), None));
        Assert.Equal(TimeSpan.FromSeconds(1), await store.TryReserveAsync(account, StoreTime.Unique("10.0.0."), 3, Window, now.AddSeconds(2) + Window - TimeSpan.FromSeconds(1), None));
        Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("10.0.0."), 3, Window, now.AddSeconds(2) + Window, None));
    }

    [Fact]
    public async Task AnAddress_IsLockedAcrossAccounts_AndALockedAttemptCountsNothing()
    {
        var store = await CreateStoreAsync();
        var (address, now) = (StoreTime.Unique("192.0.2."), StoreTime.Now);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.TryReserveAsync(StoreTime.Unique("user"), address, 3, Window, now, None));
        }

        var fresh = StoreTime.Unique("fresh");
        Assert.Equal(Window, await store.TryReserveAsync(fresh, address, 3, Window, now, None));

        // The refused attempt did not count against the fresh account: it still has all three from another address.
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.TryReserveAsync(fresh, StoreTime.Unique("198.51.100."), 3, Window, now, None));
        }
    }

    [Fact]
    public async Task TheLongerOfTwoLocks_IsReported()
    {
        var store = await CreateStoreAsync();
        var (account, address, now) = (StoreTime.Unique("bob"), StoreTime.Unique("203.0.113."), StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("a"), 2, Window, now, None));
        Assert.Null(await store.TryReserveAsync(account, address, 2, Window, now.AddSeconds(10), None));
        Assert.Null(await store.TryReserveAsync(StoreTime.Unique("c"), address, 2, Window, now.AddSeconds(20), None));
        Assert.Equal(Window - TimeSpan.FromSeconds(10), await store.TryReserveAsync(account, address, 2, Window, now.AddSeconds(30), None));
    }

    [Fact]
    public async Task Success_ClearsTheAccount_AndGivesTheAddressOneBack()
    {
        var store = await CreateStoreAsync();
        var (account, address, now) = (StoreTime.Unique("carol"), StoreTime.Unique("10.1.1."), StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(account, address, 3, Window, now, None));
        Assert.Null(await store.TryReserveAsync(account, address, 3, Window, now, None));
        Assert.Null(await store.TryReserveAsync(account, address, 3, Window, now, None));
        await store.GiveBackAsync(account, address, clearAccount: true, None);

        // The address has two failures left over: one more attempt, then it is locked.
        Assert.Null(await store.TryReserveAsync(StoreTime.Unique("other"), address, 3, Window, now, None));
        Assert.NotNull(await store.TryReserveAsync(StoreTime.Unique("other"), address, 3, Window, now, None));

        // The account starts from zero again.
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("10.2.2."), 3, Window, now, None));
        }
    }

    [Fact]
    public async Task Release_GivesOneBack_ToBothKeys()
    {
        var store = await CreateStoreAsync();
        var (account, address, now) = (StoreTime.Unique("dave"), StoreTime.Unique("10.3.3."), StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(account, address, 2, Window, now, None));
        Assert.Null(await store.TryReserveAsync(account, address, 2, Window, now, None));
        await store.GiveBackAsync(account, address, clearAccount: false, None);
        Assert.Null(await store.TryReserveAsync(account, address, 2, Window, now, None));
        Assert.NotNull(await store.TryReserveAsync(account, address, 2, Window, now, None));

        // Giving back what was never reserved changes nothing and fails nothing.
        await store.GiveBackAsync(StoreTime.Unique("nobody"), StoreTime.Unique("nowhere"), clearAccount: false, None);
    }

    [Fact]
    public async Task ParallelAttempts_GetExactlyMaxFailuresReservations()
    {
        var store = await CreateStoreAsync();
        var (account, now) = (StoreTime.Unique("erin"), StoreTime.Now);
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await store.TryReserveAsync(account, StoreTime.Unique("addr"), 5, Window, now, None))));
        Assert.Equal(5, results.Count(wait => wait is null));
        Assert.All(results.Where(wait => wait is not null), wait => Assert.Equal(Window, wait));
    }

    [Fact]
    public async Task AccountsAndAddresses_AreSeparateKeys_EvenWithTheSameText()
    {
        var store = await CreateStoreAsync();
        var (same, now) = (StoreTime.Unique("name:with:colons "), StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(same, StoreTime.Unique("a"), 1, Window, now, None));
        Assert.Null(await store.TryReserveAsync(StoreTime.Unique("b"), same, 1, Window, now, None));
        Assert.NotNull(await store.TryReserveAsync(same, StoreTime.Unique("c"), 1, Window, now, None));
    }

    [Theory]
    [InlineData("ünïcødé-名前")]
    [InlineData("quote'\"; --")]
    [InlineData("%_*[]{}")]
    [InlineData("\u0001\u001b[31m")]
    public async Task HostileKeys_CountOnlyThemselves(string hostile)
    {
        var store = await CreateStoreAsync();
        var (account, now) = (StoreTime.Unique("") + hostile, StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(account, hostile + StoreTime.Unique(""), 1, Window, now, None));
        Assert.NotNull(await store.TryReserveAsync(account, StoreTime.Unique("x"), 1, Window, now, None));
        Assert.Null(await store.TryReserveAsync(StoreTime.Unique("") + hostile, StoreTime.Unique("y"), 1, Window, now, None));
    }

    [Fact]
    public async Task Prune_ForgetsCountsAWindowOld()
    {
        var store = await CreateStoreAsync();
        var (account, now) = (StoreTime.Unique("gina"), StoreTime.Now);
        Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("a"), 1, Window, now, None));
        var pruned = await store.PruneAsync(Window, now + Window, None);
        if (PruneCounts)
        {
            Assert.True(pruned >= 2, $"pruned {pruned}");
        }

        Assert.Null(await store.TryReserveAsync(account, StoreTime.Unique("b"), 1, Window, now + Window, None));
    }
}
