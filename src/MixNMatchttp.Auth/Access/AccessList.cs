namespace MixNMatchttp.Auth;

/// <summary>
/// Evaluates an access list (docs/modules/auth.md) in this order: null → allow; unauthenticated → deny; <c>!user</c> → deny;
/// <c>user</c> → allow; <c>!#role</c> → deny; <c>#role</c> → allow; <c>*</c> → allow; otherwise deny.
/// </summary>
internal static class AccessList
{
    public static bool Allows(IReadOnlyList<string?> entries, AuthUser? user)
    {
        if (entries.Contains(null))
        {
            return true;
        }

        if (user is null)
        {
            return false;
        }

        if (entries.Contains("!" + user.Username))
        {
            return false;
        }

        if (entries.Contains(user.Username))
        {
            return true;
        }

        if (user.Roles.Any(role => entries.Contains("!#" + role)))
        {
            return false;
        }

        if (user.Roles.Any(role => entries.Contains("#" + role)))
        {
            return true;
        }

        return entries.Contains("*");
    }
}
