namespace MixNMatchttp.Auth;

/// <summary>What a role may be: 1 to 64 characters, no ':', ',', '#', '!', white space, control or invisible
/// formatting characters (the users file separates roles with ',', access lists mark users with '#' and '!').</summary>
internal static class RoleNames
{
    public const int MaxLength = 64;

    public static string? Problem(string role) =>
        role.Length > MaxLength ? $"a role is longer than {MaxLength} characters"
        : role.Length == 0 || !UserNames.IsVisibleText(role, ":,#!")
            ? $"the role '{HttpSyntax.Printable(role)}' may not be empty nor contain ':', ',', '#', '!', spaces, control or invisible formatting characters"
            : null;
}
