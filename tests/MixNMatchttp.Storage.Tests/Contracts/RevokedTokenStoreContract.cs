namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>What every <see cref="IRevokedTokenStore"/> does. A backend's test class derives from this and makes a store.</summary>
public abstract class RevokedTokenStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A store that holds no entry of the token ids the tests make (<see cref="StoreTime.Unique"/>).</summary>
    protected abstract Task<IRevokedTokenStore> CreateStoreAsync();

    /// <summary>Whether <see cref="IRevokedTokenStore.PruneAsync"/> counts what it removed (false for stores whose entries
    /// expire by themselves).</summary>
    protected virtual bool PruneCounts => true;

    [Fact]
    public async Task RevokedToken_IsRevoked_OthersAreNot()
    {
        var store = await CreateStoreAsync();
        var id = StoreTime.Unique("jti");
        Assert.False(await store.IsRevokedAsync(id, None));
        await store.RevokeAsync(id, StoreTime.Now.AddMinutes(15), None);
        Assert.True(await store.IsRevokedAsync(id, None));
        Assert.False(await store.IsRevokedAsync(id.ToUpperInvariant(), None));
        Assert.False(await store.IsRevokedAsync(StoreTime.Unique("jti"), None));
    }

    [Fact]
    public async Task RevokingTwice_IsHarmless_AlsoInParallel()
    {
        var store = await CreateStoreAsync();
        var id = StoreTime.Unique("jti");
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await store.RevokeAsync(id, StoreTime.Now.AddMinutes(15), None))));
        await store.RevokeAsync(id, StoreTime.Now.AddMinutes(30), None);
        Assert.True(await store.IsRevokedAsync(id, None));
    }

    [Fact]
    public async Task Prune_ForgetsExpiredEntries_AndKeepsLiveOnes()
    {
        var store = await CreateStoreAsync();
        var (live, soon) = (StoreTime.Unique("live"), StoreTime.Unique("soon"));
        await store.RevokeAsync(live, StoreTime.Now.AddMinutes(15), None);
        await store.RevokeAsync(soon, StoreTime.Now.AddMilliseconds(300), None);
        await Task.Delay(600);
        var pruned = await store.PruneAsync(StoreTime.Now, None);
        if (PruneCounts)
        {
            Assert.True(pruned >= 1, $"pruned {pruned}");
        }

        Assert.False(await store.IsRevokedAsync(soon, None));
        Assert.True(await store.IsRevokedAsync(live, None));
    }

    [Theory]
    [InlineData("ünïcødé-名前")]
    [InlineData("quote'\"; --")]
    [InlineData("%_*")]
    public async Task HostileIds_RoundTrip_AndMatchExactly(string hostile)
    {
        var store = await CreateStoreAsync();
        var id = StoreTime.Unique("") + hostile;
        await store.RevokeAsync(id, StoreTime.Now.AddMinutes(15), None);
        Assert.True(await store.IsRevokedAsync(id, None));
        Assert.False(await store.IsRevokedAsync(id[..^1], None));
    }
}
