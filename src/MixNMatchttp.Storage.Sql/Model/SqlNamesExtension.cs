using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Carries a storage's <see cref="SqlNames"/> in its context options. Storages with other names get their own
/// internal service provider, hence their own model.</summary>
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

        public override int GetServiceProviderHashCode() => Names.GetHashCode();

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is NamesInfo info && info.Names == Names;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["MixNMatchttp:Names"] = Names.ToString();
    }
}
