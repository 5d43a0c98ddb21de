using Microsoft.EntityFrameworkCore;

namespace MixNMatchttp.Storage.Sql;

/// <summary>The storage's tables, named after <see cref="SqlNames"/> (carried by the options, so that pooled contexts of
/// one storage share one model and two storages with other prefixes do not).</summary>
internal sealed class StorageContext(DbContextOptions<StorageContext> options) : DbContext(options)
{
    public SqlNames Names { get; } = options.FindExtension<SqlNamesExtension>()?.Names
        ?? throw new InvalidOperationException("the storage's names are missing from the context options");

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<RoleRow> Roles => Set<RoleRow>();

    public DbSet<UserRoleRow> UserRoles => Set<UserRoleRow>();

    public DbSet<SessionRow> Sessions => Set<SessionRow>();

    public DbSet<RevokedTokenRow> RevokedTokens => Set<RevokedTokenRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var names = Names;
        if (names.Schema is not null)
        {
            modelBuilder.HasDefaultSchema(names.Schema);
        }

        modelBuilder.Entity<UserRow>(user =>
        {
            user.ToTable(names.Users);
            user.HasKey(u => u.Id).HasName(SqlNames.PrimaryKey(names.Users));
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Name).HasColumnName("name");
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.HasIndex(u => u.Name).IsUnique().HasDatabaseName(SqlNames.Index(names.Users, "name"));
            user.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName(SqlNames.ForeignKey(names.UserRoles, "user_id"));
        });

        modelBuilder.Entity<RoleRow>(role =>
        {
            role.ToTable(names.Roles);
            role.HasKey(r => r.Id).HasName(SqlNames.PrimaryKey(names.Roles));
            role.Property(r => r.Id).HasColumnName("id");
            role.Property(r => r.Name).HasColumnName("name");
            role.HasIndex(r => r.Name).IsUnique().HasDatabaseName(SqlNames.Index(names.Roles, "name"));
        });

        modelBuilder.Entity<UserRoleRow>(link =>
        {
            link.ToTable(names.UserRoles);
            link.HasKey(l => new { l.UserId, l.RoleId }).HasName(SqlNames.PrimaryKey(names.UserRoles));
            link.Property(l => l.UserId).HasColumnName("user_id");
            link.Property(l => l.RoleId).HasColumnName("role_id");
            link.HasIndex(l => l.RoleId).HasDatabaseName(SqlNames.Index(names.UserRoles, "role_id"));
            link.HasOne(l => l.Role).WithMany().HasForeignKey(l => l.RoleId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName(SqlNames.ForeignKey(names.UserRoles, "role_id"));
        });

        modelBuilder.Entity<SessionRow>(session =>
        {
            session.ToTable(names.Sessions);
            session.HasKey(s => s.TokenHash).HasName(SqlNames.PrimaryKey(names.Sessions));
            session.Property(s => s.TokenHash).HasColumnName("token_hash");
            session.Property(s => s.Username).HasColumnName("username");
            session.Property(s => s.ExpiresAt).HasColumnName("expires_at");
            session.Property(s => s.Family).HasColumnName("family");
            session.HasIndex(s => s.Username).HasDatabaseName(SqlNames.Index(names.Sessions, "username"));
            session.HasIndex(s => s.Family).HasDatabaseName(SqlNames.Index(names.Sessions, "family"));
            session.HasIndex(s => s.ExpiresAt).HasDatabaseName(SqlNames.Index(names.Sessions, "expires_at"));
        });

        modelBuilder.Entity<RevokedTokenRow>(token =>
        {
            token.ToTable(names.RevokedTokens);
            token.HasKey(t => t.TokenId).HasName(SqlNames.PrimaryKey(names.RevokedTokens));
            token.Property(t => t.TokenId).HasColumnName("token_id");
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.HasIndex(t => t.ExpiresAt).HasDatabaseName(SqlNames.Index(names.RevokedTokens, "expires_at"));
        });
    }
}
