namespace MixNMatchttp;

/// <summary>
/// A set of path globs matched against canonical request paths.
/// <list type="bullet">
/// <item><c>*</c> matches any characters within one segment, <c>?</c> one character within a segment, and a
/// whole segment <c>**</c> any number of segments (including none).</item>
/// <item>A pattern starting with <c>/</c> is anchored at the start of the path; any other pattern may start at
/// any segment (<c>*.html</c> is <c>/**/*.html</c>).</item>
/// <item>A pattern covers the paths it matches and everything under them: <c>/secret</c> matches
/// <c>/secret</c>, <c>/secret/</c> and <c>/secret/a/b</c>, never <c>/secrets</c>.</item>
/// <item>A pattern starting with <c>!</c> exempts what it matches: <c>*</c>, <c>!/jquery-*.js</c> matches every path
/// but jQuery's.</item>
/// </list>
/// Each glob is matched in time linear in the path's length (see <see cref="PathGlob"/>), so no request path can make a
/// match slow.
/// </summary>
public sealed class PathPatterns
{
    private readonly PathGlob[] _included;
    private readonly PathGlob[] _exempted;

    private PathPatterns(PathGlob[] included, PathGlob[] exempted)
    {
        _included = included;
        _exempted = exempted;
    }

    /// <summary>Compiles <paramref name="patterns"/>; throws one <see cref="MixConfigurationException"/> naming every
    /// pattern that cannot be used, each line prefixed with <paramref name="optionName"/>.</summary>
    public static PathPatterns Compile(IEnumerable<string>? patterns, bool caseSensitive, string optionName)
    {
        var included = new List<PathGlob>();
        var exempted = new List<PathGlob>();
        var problems = new List<string>();
        foreach (var pattern in patterns ?? [])
        {
            var exempts = pattern is ['!', ..];
            var glob = exempts ? pattern[1..] : pattern;
            if (Problem(glob) is { } problem)
            {
                problems.Add($"{optionName}: {problem}");
            }
            else
            {
                (exempts ? exempted : included).Add(PathGlob.Parse(glob!, caseSensitive));
            }
        }

        return problems.Count > 0 ? throw new MixConfigurationException(problems) : new PathPatterns([.. included], [.. exempted]);
    }

    /// <summary>Whether <paramref name="path"/> (canonical, starting with '/') matches a pattern and no exemption.</summary>
    public bool IsMatch(string path) => Any(_included, path) && !Any(_exempted, path);

    private static bool Any(PathGlob[] globs, string path)
    {
        foreach (var glob in globs)
        {
            if (glob.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "a path pattern cannot be empty.";
        }

        if (HttpSyntax.HasControlCharacters(pattern) || pattern.Contains('\\', StringComparison.Ordinal))
        {
            return $"the path pattern '{HttpSyntax.Printable(pattern)}' contains a control character or a backslash.";
        }

        return pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(segment => segment is "." or "..")
            ? $"the path pattern '{pattern}' has a '.' or '..' segment; patterns are matched against canonical paths, which never do."
            : null;
    }
}
