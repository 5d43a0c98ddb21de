using MixNMatchttp.Storage.Tests.Contracts;

namespace MixNMatchttp.Storage.Tests.Sql;

public sealed class SqliteUserStoreTests(SqliteDatabase database) : UserStoreContract, IClassFixture<SqliteDatabase>
{
    protected override Task<IUserStore> CreateStoreAsync() => Task.FromResult<IUserStore>(database.Storage.Users);
}

public sealed class SqliteSessionStoreTests(SqliteDatabase database) : SessionStoreContract, IClassFixture<SqliteDatabase>
{
    protected override Task<ISessionStore> CreateStoreAsync() => Task.FromResult<ISessionStore>(database.Storage.Sessions);
}

public sealed class SqliteRevokedTokenStoreTests(SqliteDatabase database) : RevokedTokenStoreContract, IClassFixture<SqliteDatabase>
{
    protected override Task<IRevokedTokenStore> CreateStoreAsync() => Task.FromResult<IRevokedTokenStore>(database.Storage.RevokedTokens);
}

/// <summary>The contracts again with a table prefix, in a file that also holds the unprefixed tables: every statement
/// honours the prefix.</summary>
public sealed class SqlitePrefixedUserStoreTests(SqliteDatabase database) : UserStoreContract, IClassFixture<SqliteDatabase>
{
    protected override async Task<IUserStore> CreateStoreAsync() => (await database.PrefixedStorageAsync()).Users;
}

public sealed class SqlitePrefixedSessionStoreTests(SqliteDatabase database) : SessionStoreContract, IClassFixture<SqliteDatabase>
{
    protected override async Task<ISessionStore> CreateStoreAsync() => (await database.PrefixedStorageAsync()).Sessions;
}

public sealed class SqlitePrefixedRevokedTokenStoreTests(SqliteDatabase database) : RevokedTokenStoreContract, IClassFixture<SqliteDatabase>
{
    protected override async Task<IRevokedTokenStore> CreateStoreAsync() => (await database.PrefixedStorageAsync()).RevokedTokens;
}
