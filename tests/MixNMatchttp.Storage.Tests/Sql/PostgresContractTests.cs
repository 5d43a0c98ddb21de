using MixNMatchttp.Storage.Tests.Contracts;
using MixNMatchttp.Storage.Tests.Servers;

namespace MixNMatchttp.Storage.Tests.Sql;

[Collection(PostgresTests.Name)]
public sealed class PostgresUserStoreTests(PostgresServer server) : UserStoreContract
{
    protected override async Task<IUserStore> CreateStoreAsync() => (await server.StorageAsync("user_contract")).Users;
}

[Collection(PostgresTests.Name)]
public sealed class PostgresSessionStoreTests(PostgresServer server) : SessionStoreContract
{
    protected override async Task<ISessionStore> CreateStoreAsync() => (await server.StorageAsync("session_contract")).Sessions;
}

[Collection(PostgresTests.Name)]
public sealed class PostgresRevokedTokenStoreTests(PostgresServer server) : RevokedTokenStoreContract
{
    protected override async Task<IRevokedTokenStore> CreateStoreAsync() => (await server.StorageAsync("revoked_contract")).RevokedTokens;
}

/// <summary>The contracts again in a schema of their own, with a table prefix: every statement honours both.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresSchemaUserStoreTests(PostgresServer server) : UserStoreContract
{
    protected override async Task<IUserStore> CreateStoreAsync() => (await server.StorageAsync("schema_contract", "mnm_", "auth")).Users;
}

[Collection(PostgresTests.Name)]
public sealed class PostgresSchemaSessionStoreTests(PostgresServer server) : SessionStoreContract
{
    protected override async Task<ISessionStore> CreateStoreAsync() => (await server.StorageAsync("schema_contract", "mnm_", "auth")).Sessions;
}

[Collection(PostgresTests.Name)]
public sealed class PostgresSchemaRevokedTokenStoreTests(PostgresServer server) : RevokedTokenStoreContract
{
    protected override async Task<IRevokedTokenStore> CreateStoreAsync() => (await server.StorageAsync("schema_contract", "mnm_", "auth")).RevokedTokens;
}
