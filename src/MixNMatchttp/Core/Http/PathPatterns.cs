using System.Text;
using System.Text.RegularExpressions;

namespace MixNMatchttp;

/// <summary>
/// A set of path globs compiled into one regular expression, matched against canonical request paths.
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
/// A set with globs runs without backtracking and a set of literal paths is linear, so no request path can make a
/// match slow.
/// </summary>
public sealed class PathPatterns
{
    private readonly Regex? _included;
    private readonly Regex? _exempted;

    private PathPatterns(Regex? included, Regex? exempted)
    {
        _included = included;
        _exempted = exempted;
    }

    /// <summary>Compiles <paramref name="patterns"/>; throws one <see cref="MixConfigurationException"/> naming every
    /// pattern that cannot be used, each line prefixed with <paramref name="optionName"/>.</summary>
    public static PathPatterns Compile(IEnumerable<string>? patterns, bool caseSensitive, string optionName)
    {
        var included = new List<string>();
        var exempted = new List<string>();
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
                (exempts ? exempted : included).Add(glob!);
            }
        }

        return problems.Count > 0 ? throw new MixConfigurationException(problems) : new PathPatterns(Join(included, caseSensitive), Join(exempted, caseSensitive));
    }

    /// <summary>Whether <paramref name="path"/> (canonical, starting with '/') matches a pattern and no exemption.</summary>
    public bool IsMatch(string path) => _included is not null && _included.IsMatch(path) && (_exempted is null || !_exempted.IsMatch(path));

    private static Regex? Join(List<string> globs, bool caseSensitive)
    {
        if (globs.Count == 0)
        {
            return null;
        }

        // Literal paths compile to anchored alternations, linear to match, so the faster compiled engine is safe; a
        // glob gets the engine that never backtracks.
        var engine = globs.Exists(glob => glob.AsSpan().IndexOfAny('*', '?') >= 0) ? RegexOptions.NonBacktracking : RegexOptions.Compiled;
        var options = RegexOptions.CultureInvariant | engine | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new Regex(string.Join('|', globs.Select(glob => "(?:" + Translate(glob) + ")")), options);
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

    private static string Translate(string pattern)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var regex = new StringBuilder(pattern[0] == '/' ? "^/" : "/");
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            AppendSegment(regex, segments[i]);
            if (!last)
            {
                regex.Append('/');
            }
        }

        return segments.Length == 0 ? regex.ToString() : regex.Append("(?:/|$)").ToString();
    }

    private static void AppendSegment(StringBuilder regex, string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            switch (segment[i])
            {
                case '*':
                    regex.Append("[^/]*");
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(segment[i].ToString()));
                    break;
            }
        }
    }
}
