namespace MixNMatchttp.Auth;

/// <summary>
/// Parses a users file: one <c>username:password[:role1,role2]</c> per line; blank lines and lines starting
/// with '#' are skipped. A password containing ':' must be followed by a ':' (the roles may be empty).
/// A bad line is reported with its line number and the other lines still load.
/// </summary>
internal static class UsersFile
{
    /// <summary>In a plaintext users file, a password field starting with this is a hash (written by the server when a
    /// user registers or changes the password), not a password.</summary>
    public const string HashPrefix = "{hash}";

    /// <summary>What a password field holds: in a hashed file a hash; in a plaintext file a hash after
    /// <see cref="HashPrefix"/> (returned without it), else a plaintext password.</summary>
    public static (bool IsHash, string Value) ReadField(string field, bool hashedFile) =>
        hashedFile ? (true, field)
        : field.StartsWith(HashPrefix, StringComparison.Ordinal) ? (true, field[HashPrefix.Length..])
        : (false, field);

    /// <summary>The password field for <paramref name="hash"/>: the hash itself in a hashed file, after
    /// <see cref="HashPrefix"/> in a plaintext one.</summary>
    public static string HashField(string hash, bool hashedFile) => hashedFile ? hash : HashPrefix + hash;

    /// <summary>A line for a user. Roles, or a ':' in the password field, add a ':' and the roles text.</summary>
    public static string Line(string username, string password, string? roles) =>
        string.IsNullOrEmpty(roles) && !password.Contains(':', StringComparison.Ordinal) ? $"{username}:{password}" : $"{username}:{password}:{roles}";

    /// <summary>The roles text of a line as written (after the last ':' when there are two or more), or null.</summary>
    public static string? RolesText(string line) => Split(line.TrimEnd('\r'))?.Roles;

    /// <summary>The user name of a line, or null for a blank line, a comment or a line without a name and a ':'.</summary>
    public static string? Username(string line) => IsSkipped(line) ? null : Split(line.TrimEnd('\r'))?.Username;

    /// <summary>Whether a line is blank or a comment.</summary>
    private static bool IsSkipped(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    /// <summary>A line's user name, password field and roles text (null without a second ':'); null without a ':'
    /// after a non-empty name.</summary>
    private static (string Username, string Password, string? Roles)? Split(string line)
    {
        var first = line.IndexOf(':', StringComparison.Ordinal);
        var last = line.LastIndexOf(':');
        if (first <= 0)
        {
            return null;
        }

        return last > first ? (line[..first], line[(first + 1)..last], line[(last + 1)..]) : (line[..first], line[(first + 1)..], null);
    }

    public static (List<(string Username, string Password, string[] Roles, int Line)> Users, List<string> Errors) Parse(string path, IEnumerable<string> lines)
    {
        var users = new List<(string, string, string[], int)>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var rawLine in lines)
        {
            number++;
            var line = rawLine.TrimEnd('\r');
            if (IsSkipped(line))
            {
                continue;
            }

            if (Split(line) is not { } fields)
            {
                errors.Add($"{path}:{number}: expected 'username:password[:roles]'");
                continue;
            }

            var (username, password, rolesText) = fields;
            var roles = rolesText?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (UserNames.Problem(username) is { } problem)
            {
                errors.Add($"{path}:{number}: {problem}");
            }
            else if (password.Length == 0)
            {
                errors.Add($"{path}:{number}: the password of '{username}' is empty");
            }
            else if (!seen.Add(username))
            {
                errors.Add($"{path}:{number}: '{username}' is listed twice; the first line counts");
            }
            else
            {
                users.Add((username, password, roles, number));
            }
        }

        return (users, errors);
    }
}
