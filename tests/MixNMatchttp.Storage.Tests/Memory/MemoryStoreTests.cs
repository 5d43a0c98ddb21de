using MixNMatchttp.Caching;
using MixNMatchttp.Storage.Tests.Contracts;

namespace MixNMatchttp.Storage.Tests.Memory;

public sealed class MemoryUserStoreTests : UserStoreContract
{
    protected override Task<IUserStore> CreateStoreAsync() => Task.FromResult<IUserStore>(new MemoryUserStore());
}

public sealed class MemorySessionStoreTests : SessionStoreContract
{
    protected override Task<ISessionStore> CreateStoreAsync() => Task.FromResult<ISessionStore>(new MemorySessionStore());
}

public sealed class MemoryLockoutStoreTests : LockoutStoreContract
{
    protected override Task<ILockoutStore> CreateStoreAsync() => Task.FromResult<ILockoutStore>(new MemoryLockoutStore());
}

public sealed class MemoryRevokedTokenStoreTests : RevokedTokenStoreContract
{
    protected override Task<IRevokedTokenStore> CreateStoreAsync() => Task.FromResult<IRevokedTokenStore>(new MemoryRevokedTokenStore());
}

public sealed class MemoryPageStoreTests : PageStoreContract
{
    protected override Task<IPageStore> CreateStoreAsync(long maxBytes) => Task.FromResult<IPageStore>(new MemoryPageStore(maxBytes));
}
