using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MixNMatchttp.Storage.Sql;

/// <summary>One model per <see cref="SqlNames"/>: storages with other table prefixes or schemas share EF Core's services
/// but not their table names.</summary>
internal sealed class StorageModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), ((StorageContext)context).Names, designTime);
}
