using Microsoft.EntityFrameworkCore;

namespace MixNMatchttp.Storage.Sql.Migrations;

/// <summary>The snapshots' foreign keys, the same for every provider.</summary>
internal static class SnapshotRelations
{
    public static void Build(ModelBuilder modelBuilder, SqlNames n)
    {
        modelBuilder.Entity("MixNMatchttp.Storage.Sql.UserRoleRow", b =>
        {
            b.HasOne("MixNMatchttp.Storage.Sql.RoleRow", "Role").WithMany().HasForeignKey("RoleId")
                .OnDelete(DeleteBehavior.Cascade).IsRequired().HasConstraintName(SqlNames.ForeignKey(n.UserRoles, "role_id"));
            b.HasOne("MixNMatchttp.Storage.Sql.UserRow", null).WithMany("Roles").HasForeignKey("UserId")
                .OnDelete(DeleteBehavior.Cascade).IsRequired().HasConstraintName(SqlNames.ForeignKey(n.UserRoles, "user_id"));
            b.Navigation("Role");
        });

        modelBuilder.Entity("MixNMatchttp.Storage.Sql.UserRow", b => b.Navigation("Roles"));
    }
}
