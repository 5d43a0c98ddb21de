namespace MixNMatchttp.Auth;

/// <summary>
/// Parses a users file: one <c>username:password[:role1,role2]</c> per line; blank lines and lines starting
/// with '#' are skipped. A password containing ':' must be followed by a ':' (the roles may be empty).
/// A bad line is reported with its line number and the other lines still load.
/// </summary>
internal static class UsersFile
{
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
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var first = line.IndexOf(':', StringComparison.Ordinal);
            var last = line.LastIndexOf(':');
            if (first <= 0)
            {
                errors.Add($"{path}:{number}: expected 'username:password[:roles]'");
                continue;
            }

            var username = line[..first];
            var password = last > first ? line[(first + 1)..last] : line[(first + 1)..];
            var roles = last > first ? line[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
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
