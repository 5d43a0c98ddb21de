namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>What every <see cref="IUserStore"/> does. A backend's test class derives from this and makes a fresh store.</summary>
public abstract class UserStoreContract
{
    /// <summary>A store that holds no user of the names the tests make (<see cref="StoreTime.Unique"/>).</summary>
    protected abstract Task<IUserStore> CreateStoreAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CreatedUser_IsFound_WithHashAndRoles()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("alice");
        Assert.True(await store.TryCreateAsync(new UserRecord(name, "$argon2id$hash", ["admin", "editor"]), None));
        var found = await store.FindAsync(name, None);
        Assert.NotNull(found);
        Assert.Equal(name, found.Username);
        Assert.Equal("$argon2id$hash", found.PasswordHash);
        Assert.Equal(["admin", "editor"], found.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownUser_IsNull_AndNamesMatchExactly()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("bob");
        Assert.Null(await store.FindAsync(name, None));
        Assert.True(await store.TryCreateAsync(new UserRecord(name, "h", []), None));
        Assert.Null(await store.FindAsync(name.ToUpperInvariant(), None));
        Assert.Null(await store.FindAsync(name + " ", None));
        Assert.True(await store.TryCreateAsync(new UserRecord(name.ToUpperInvariant(), "h2", []), None));
        Assert.Equal("h", (await store.FindAsync(name, None))!.PasswordHash);
    }

    [Fact]
    public async Task TakenName_IsRefused_AndTheFirstUserKept()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("carol");
        Assert.True(await store.TryCreateAsync(new UserRecord(name, "first", ["a"]), None));
        Assert.False(await store.TryCreateAsync(new UserRecord(name, "second", []), None));
        var found = await store.FindAsync(name, None);
        Assert.Equal("first", found!.PasswordHash);
        Assert.Equal(["a"], found.Roles);
    }

    [Fact]
    public async Task ParallelCreates_OfOneName_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("race");
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await store.TryCreateAsync(new UserRecord(name, "h" + i, []), None))));
        Assert.Single(results, created => created);
    }

    [Fact]
    public async Task PasswordHash_IsReplaced_OnlyForAnExistingUser()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("dave");
        Assert.False(await store.UpdatePasswordHashAsync(name, "new", None));
        Assert.Null(await store.FindAsync(name, None));
        await store.TryCreateAsync(new UserRecord(name, "old", ["r"]), None);
        Assert.True(await store.UpdatePasswordHashAsync(name, "new", None));
        var found = await store.FindAsync(name, None);
        Assert.Equal("new", found!.PasswordHash);
        Assert.Equal(["r"], found.Roles);
    }

    [Fact]
    public async Task Upsert_AddsOrReplaces_HashAndRoles()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("erin");
        await store.UpsertAsync(new UserRecord(name, "one", ["a", "b"]), None);
        Assert.Equal(["a", "b"], (await store.FindAsync(name, None))!.Roles.Order(StringComparer.Ordinal));
        await store.UpsertAsync(new UserRecord(name, "two", ["c"]), None);
        var found = await store.FindAsync(name, None);
        Assert.Equal("two", found!.PasswordHash);
        Assert.Equal(["c"], found.Roles);
        await store.UpsertAsync(new UserRecord(name, "three", []), None);
        Assert.Empty((await store.FindAsync(name, None))!.Roles);
    }

    [Fact]
    public async Task Remove_IsTrueOnce_AndTheNameIsFreeAgain()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("frank");
        Assert.False(await store.RemoveAsync(name, None));
        await store.TryCreateAsync(new UserRecord(name, "h", ["r"]), None);
        Assert.True(await store.RemoveAsync(name, None));
        Assert.False(await store.RemoveAsync(name, None));
        Assert.Null(await store.FindAsync(name, None));
        Assert.True(await store.TryCreateAsync(new UserRecord(name, "again", []), None));
        Assert.Empty((await store.FindAsync(name, None))!.Roles);
    }

    [Theory]
    [InlineData("ünïcødé-名前")]
    [InlineData("quote'\"; DROP TABLE users; --")]
    [InlineData("percent%_under_score*")]
    [InlineData("colon:and,comma")]
    public async Task HostileNames_RoundTripExactly(string hostile)
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("") + hostile;
        Assert.True(await store.TryCreateAsync(new UserRecord(name, hostile, [hostile]), None));
        var found = await store.FindAsync(name, None);
        Assert.Equal(hostile, found!.PasswordHash);
        Assert.Equal([hostile], found.Roles);
        Assert.Null(await store.FindAsync(StoreTime.Unique("") + "percent%", None));
    }

    [Fact]
    public async Task LongestNames_LongHashes_AndManyRoles_RoundTrip()
    {
        var store = await CreateStoreAsync();
        var name = StoreTime.Unique("") + new string('x', 52); // 64 characters: the longest user name
        var roles = Enumerable.Range(0, 50).Select(i => "role" + i).ToArray();
        Assert.True(await store.TryCreateAsync(new UserRecord(name, new string('h', 500), roles), None));
        var found = await store.FindAsync(name, None);
        Assert.Equal(roles.Order(StringComparer.Ordinal), found!.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(500, found.PasswordHash.Length);
    }
}
