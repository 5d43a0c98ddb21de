using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MixNMatchttp.Storage.Sql.Migrations.Sqlite;

/// <summary>The SQLite model after the last migration: start-up compares it with the code's model and refuses to run
/// when they differ (a migration is missing).</summary>
internal sealed class SqliteModelSnapshot(SqlNames names) : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        var n = names;
        modelBuilder.HasAnnotation("ProductVersion", "10.0.15");

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.RevokedTokenRow", b =>
        {
            b.Property<string>("TokenId").HasColumnType("TEXT").HasColumnName("token_id");
            b.Property<long>("ExpiresAt").HasColumnType("INTEGER").HasColumnName("expires_at");
            b.HasKey("TokenId").HasName(SqlNames.PrimaryKey(n.RevokedTokens));
            b.HasIndex("ExpiresAt").HasDatabaseName(SqlNames.Index(n.RevokedTokens, "expires_at"));
            b.ToTable(n.RevokedTokens, (string?)null);
        });

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.RoleRow", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<string>("Name").IsRequired().HasColumnType("TEXT").HasColumnName("name");
            b.HasKey("Id").HasName(SqlNames.PrimaryKey(n.Roles));
            b.HasIndex("Name").IsUnique().HasDatabaseName(SqlNames.Index(n.Roles, "name"));
            b.ToTable(n.Roles, (string?)null);
        });

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.SessionRow", b =>
        {
            b.Property<string>("TokenHash").HasColumnType("TEXT").HasColumnName("token_hash");
            b.Property<long>("ExpiresAt").HasColumnType("INTEGER").HasColumnName("expires_at");
            b.Property<string>("Family").HasColumnType("TEXT").HasColumnName("family");
            b.Property<string>("Username").IsRequired().HasColumnType("TEXT").HasColumnName("username");
            b.HasKey("TokenHash").HasName(SqlNames.PrimaryKey(n.Sessions));
            b.HasIndex("ExpiresAt").HasDatabaseName(SqlNames.Index(n.Sessions, "expires_at"));
            b.HasIndex("Family").HasDatabaseName(SqlNames.Index(n.Sessions, "family"));
            b.HasIndex("Username").HasDatabaseName(SqlNames.Index(n.Sessions, "username"));
            b.ToTable(n.Sessions, (string?)null);
        });

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.UserRoleRow", b =>
        {
            b.Property<long>("UserId").HasColumnType("INTEGER").HasColumnName("user_id");
            b.Property<long>("RoleId").HasColumnType("INTEGER").HasColumnName("role_id");
            b.HasKey("UserId", "RoleId").HasName(SqlNames.PrimaryKey(n.UserRoles));
            b.HasIndex("RoleId").HasDatabaseName(SqlNames.Index(n.UserRoles, "role_id"));
            b.ToTable(n.UserRoles, (string?)null);
        });

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.UserRow", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<string>("Name").IsRequired().HasColumnType("TEXT").HasColumnName("name");
            b.Property<string>("PasswordHash").IsRequired().HasColumnType("TEXT").HasColumnName("password_hash");
            b.HasKey("Id").HasName(SqlNames.PrimaryKey(n.Users));
            b.HasIndex("Name").IsUnique().HasDatabaseName(SqlNames.Index(n.Users, "name"));
            b.ToTable(n.Users, (string?)null);
        });

        SnapshotRelations.Build(modelBuilder, n);
    }
}
