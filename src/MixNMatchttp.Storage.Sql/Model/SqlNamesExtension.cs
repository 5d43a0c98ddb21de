using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Carries a storage's <see cref="SqlNames"/> in its context options. Every storage shares EF Core's internal
/// service provider (EF refuses more than twenty); <see cref="StorageModelCacheKeyFactory"/> gives each names its model.</summary>
internal sealed class SqlNamesExtension(SqlNames names) : IDbContextOptionsExtension
{
    private NamesInfo? _info;

    public SqlNames Names => names;

    public DbContextOptionsExtensionInfo Info => _info ??= new NamesInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class NamesInfo(SqlNamesExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private SqlNames Names => ((SqlNamesExtension)Extension).Names;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"Names={Names} ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is NamesInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["MixNMatchttp:Names"] = Names.ToString();
    }
}
