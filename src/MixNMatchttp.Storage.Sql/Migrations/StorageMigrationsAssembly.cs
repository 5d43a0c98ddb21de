using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MixNMatchttp.Storage.Sql.Migrations;

/// <summary>
/// Hands EF Core the migration set of the storage's provider, each migration and the snapshot created with the
/// storage's <see cref="SqlNames"/> (EF's own assembly scan would create them without names, for one provider).
/// </summary>
internal sealed class StorageMigrationsAssembly(ICurrentDbContext current) : IMigrationsAssembly
{
    private static readonly Type[] SqliteMigrations = [typeof(Sqlite.InitialSchema)];
    private static readonly Type[] PostgreSqlMigrations = [typeof(PostgreSql.InitialSchema)];

    private SqlNames Names => ((StorageContext)current.Context).Names;

    public IReadOnlyDictionary<string, TypeInfo> Migrations =>
        (Names.Provider == SqlProvider.Sqlite ? SqliteMigrations : PostgreSqlMigrations)
            .ToDictionary(type => type.GetCustomAttribute<MigrationAttribute>()!.Id, type => type.GetTypeInfo());

    public ModelSnapshot? ModelSnapshot => Names.Provider == SqlProvider.Sqlite
        ? new Sqlite.SqliteModelSnapshot(Names)
        : new PostgreSql.PostgreSqlModelSnapshot(Names);

    public Assembly Assembly => typeof(StorageMigrationsAssembly).Assembly;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => id == nameOrId || id.EndsWith("_" + nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass, Names)!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
