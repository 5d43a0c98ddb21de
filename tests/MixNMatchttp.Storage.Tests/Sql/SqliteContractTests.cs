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
