using Microsoft.EntityFrameworkCore.Migrations;

namespace MixNMatchttp.Storage.Sql.Migrations;

/// <summary>A migration of the storage's tables, written against <see cref="SqlNames"/> so that one migration set serves
/// every table prefix and schema. <see cref="StorageMigrationsAssembly"/> creates it with the storage's names.</summary>
internal abstract class StorageMigration(SqlNames names) : Migration
{
    protected SqlNames Names => names;
}
