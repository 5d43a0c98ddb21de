namespace MixNMatchttp.Auth;

/// <summary>Who may create users with <paramref name="Role"/> (null: users with no role) through /register:
/// an access list with the entries of <see cref="AccessRule"/>, compared literally.</summary>
/// <param name="Role">The role, or null for no role.</param>
/// <param name="Access">Who may create such users.</param>
public sealed record RoleCreationRule(string? Role, IReadOnlyList<string?> Access);
