using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace MixNMatchttp.Storage.Sql.Migrations.PostgreSql;

/// <summary>PostgreSQL: users, roles, the user–role association, sessions and revoked access tokens, in the storage's
/// schema.</summary>
[Migration("20261202004545_InitialSchema")]
internal sealed class InitialSchema(SqlNames names) : StorageMigration(names)
{
    private const string Identity = "Npgsql:ValueGenerationStrategy";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var (n, schema) = (Names, Names.Schema);
        if (schema is not null)
        {
            migrationBuilder.EnsureSchema(schema);
        }

        migrationBuilder.CreateTable(
            name: n.RevokedTokens,
            schema: schema,
            columns: table => new
            {
                token_id = table.Column<string>(type: "text", nullable: false),
                expires_at = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.RevokedTokens), x => x.token_id));

        migrationBuilder.CreateTable(
            name: n.Roles,
            schema: schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation(Identity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                name = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Roles), x => x.id));

        migrationBuilder.CreateTable(
            name: n.Sessions,
            schema: schema,
            columns: table => new
            {
                token_hash = table.Column<string>(type: "text", nullable: false),
                username = table.Column<string>(type: "text", nullable: false),
                expires_at = table.Column<long>(type: "bigint", nullable: false),
                family = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Sessions), x => x.token_hash));

        migrationBuilder.CreateTable(
            name: n.Users,
            schema: schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation(Identity, NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                name = table.Column<string>(type: "text", nullable: false),
                password_hash = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey(SqlNames.PrimaryKey(n.Users), x => x.id));

        migrationBuilder.CreateTable(
            name: n.UserRoles,
            schema: schema,
            columns: table => new
            {
                user_id = table.Column<long>(type: "bigint", nullable: false),
                role_id = table.Column<long>(type: "bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(SqlNames.PrimaryKey(n.UserRoles), x => new { x.user_id, x.role_id });
                table.ForeignKey(SqlNames.ForeignKey(n.UserRoles, "role_id"), x => x.role_id, n.Roles, "id", schema, onDelete: ReferentialAction.Cascade);
                table.ForeignKey(SqlNames.ForeignKey(n.UserRoles, "user_id"), x => x.user_id, n.Users, "id", schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(SqlNames.Index(n.RevokedTokens, "expires_at"), n.RevokedTokens, "expires_at", schema);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Roles, "name"), n.Roles, "name", schema, unique: true);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "expires_at"), n.Sessions, "expires_at", schema);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "family"), n.Sessions, "family", schema);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Sessions, "username"), n.Sessions, "username", schema);
        migrationBuilder.CreateIndex(SqlNames.Index(n.UserRoles, "role_id"), n.UserRoles, "role_id", schema);
        migrationBuilder.CreateIndex(SqlNames.Index(n.Users, "name"), n.Users, "name", schema, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = Names.Schema;
        migrationBuilder.DropTable(Names.RevokedTokens, schema);
        migrationBuilder.DropTable(Names.Sessions, schema);
        migrationBuilder.DropTable(Names.UserRoles, schema);
        migrationBuilder.DropTable(Names.Roles, schema);
        migrationBuilder.DropTable(Names.Users, schema);
    }
}
