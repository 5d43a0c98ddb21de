using Microsoft.EntityFrameworkCore.Migrations;

namespace MixNMatchttp.Storage.Sql.Migrations.Sqlite;

/// <summary>SQLite: users, roles, the user–role association, sessions and revoked access tokens.</summary>
[Migration("20261202004439_InitialSchema")]
internal sealed class InitialSchema(SqlNames names) : StorageMigration(names)
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = Names;
        migrationBuilder.CreateTable(
            name: n.RevokedTokens,
            columns: table => new
            {
                token_id = table.Column<string>(type: "TEXT", nullable: false),
                expires_at = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.RevokedTokens), x => x.token_id));

        migrationBuilder.CreateTable(
            name: n.Roles,
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                name = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Roles), x => x.id));

        migrationBuilder.CreateTable(
            name: n.Sessions,
            columns: table => new
            {
                token_hash = table.Column<string>(type: "TEXT", nullable: false),
                username = table.Column<string>(type: "TEXT", nullable: false),
                expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                family = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Sessions), x => x.token_hash));

        migrationBuilder.CreateTable(
            name: n.Users,
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                name = table.Column<string>(type: "TEXT", nullable: false),
                password_hash = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Users), x => x.id));

        migrationBuilder.CreateTable(
            name: n.UserRoles,
            columns: table => new
            {
                user_id = table.Column<long>(type: "INTEGER", nullable: false),
                role_id = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(SqlNames.PrimaryKey(n.UserRoles), x => new { x.user_id, x.role_id });
                table.ForeignKey(SqlNames.ForeignKey(n.UserRoles, "role_id"), x => x.role_id, n.Roles, "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(SqlNames.ForeignKey(n.UserRoles, "user_id"), x => x.user_id, n.Users, "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(SqlNames.Index(n.RevokedTokens, "expires_at"), n.RevokedTokens, "expires_at");
        migrationBuilder.CreateIndex(SqlNames.Index(n.Roles, "name"), n.Roles, "name", unique: true);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "expires_at"), n.Sessions, "expires_at");
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "family"), n.Sessions, "family");
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "username"), n.Sessions, "username");
        migrationBuilder.CreateIndex(SqlNames.Index(n.UserRoles, "role_id"), n.UserRoles, "role_id");
        migrationBuilder.CreateIndex(SqlNames.Index(n.Users, "name"), n.Users, "name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(Names.RevokedTokens);
        migrationBuilder.DropTable(Names.Sessions);
        migrationBuilder.DropTable(Names.UserRoles);
        migrationBuilder.DropTable(Names.Roles);
        migrationBuilder.DropTable(Names.Users);
    }
}
