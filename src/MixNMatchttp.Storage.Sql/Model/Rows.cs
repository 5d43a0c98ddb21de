namespace MixNMatchttp.Storage.Sql;

/// <summary>A row of the users table.</summary>
internal sealed class UserRow
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string PasswordHash { get; set; }

    public List<UserRoleRow> Roles { get; set; } = [];
}

/// <summary>A row of the roles table: each role name once.</summary>
internal sealed class RoleRow
{
    public long Id { get; set; }

    public required string Name { get; set; }
}

/// <summary>A row of the user–role association.</summary>
internal sealed class UserRoleRow
{
    public long UserId { get; set; }

    public long RoleId { get; set; }

    public RoleRow? Role { get; set; }
}

/// <summary>A row of the sessions table: the token's hash, never the token.</summary>
internal sealed class SessionRow
{
    public required string TokenHash { get; set; }

    public required string Username { get; set; }

    /// <summary>Unix time in milliseconds.</summary>
    public long ExpiresAt { get; set; }

    public string? Family { get; set; }
}

/// <summary>A row of the revoked access tokens table.</summary>
internal sealed class RevokedTokenRow
{
    public required string TokenId { get; set; }

    /// <summary>Unix time in milliseconds.</summary>
    public long ExpiresAt { get; set; }
}
