
namespace MixNMatchttp.Tests.PathPolicies;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/secret", "/secret", true)]
    [InlineData("/secret", "/secret/", true)]
    [InlineData("/secret", "/secret/a/b", true)]
    [InlineData("/secret", "/secrets", false)]
    [InlineData("/secret", "/a/secret", false)]
    [InlineData("secret", "/a/secret/b", true)]
    [InlineData("secret", "/a/secrets", false)]
    [InlineData("*.html", "/index.html", true)]
    [InlineData("*.html", "/a/b/page.html", true)]
    [InlineData("*.html", "/page.htm", false)]
    [InlineData("*.html", "/page.html.bak", false)]
    [InlineData("/api/*", "/api/x", true)]
    [InlineData("/api/*", "/api", false)]
    [InlineData("/api/*", "/v1/api/x", false)]
    [InlineData("/static/**/*.js", "/static/app.js", true)]
    [InlineData("/static/**/*.js", "/static/a/b/app.js", true)]
    [InlineData("/static/**/*.js", "/other/app.js", false)]
    [InlineData("/static/**", "/static/a/b", true)]
    [InlineData("**", "/anything/at/all", true)]
    [InlineData("/", "/anything", true)]
    [InlineData("/file?.txt", "/file1.txt", true)]
    [InlineData("/file?.txt", "/file12.txt", false)]
    [InlineData("/a.b(c)+[d]", "/a.b(c)+[d]", true)]
    [InlineData("/a.b", "/aXb", false)]
    [InlineData("/a*b", "/a/b", false)]
    [InlineData("/SECRET", "/secret/x", true)]
    public void Glob_MatchesTheDocumentedPaths(string pattern, string path, bool expected) =>
        Assert.Equal(expected, PathPatterns.Compile([pattern], caseSensitive: false, "Test").IsMatch(path));

    [Fact]
    public void CaseSensitive_RequiresTheSameCase()
    {
        var patterns = PathPatterns.Compile(["/Secret"], caseSensitive: true, "Test");
        Assert.True(patterns.IsMatch("/Secret/x"));
        Assert.False(patterns.IsMatch("/secret/x"));
    }

    [Theory]
    [InlineData("/index.html", true)]
    [InlineData("/js/app.js", true)]
    [InlineData("/jquery-3.7.1.min.js", false)]
    [InlineData("/JQUERY-1.js", false)]
    [InlineData("/lib/jquery-3.7.1.js", true)]
    public void Exemption_LeavesOutWhatItMatches(string path, bool expected) =>
        Assert.Equal(expected, PathPatterns.Compile(["*", "!/jquery-*.js"], caseSensitive: false, "Test").IsMatch(path));

    [Fact]
    public void ExemptionsAlone_MatchNothing() =>
        Assert.False(PathPatterns.Compile(["!/a"], caseSensitive: false, "Test").IsMatch("/b"));

    [Theory]
    [InlineData("!")]
    [InlineData("!  ")]
    [InlineData("!/a/../b")]
    [InlineData("!/a\u0001")]
    public void BadExemption_IsAProblemNamingTheOption(string pattern)
    {
        var error = Assert.Throws<MixConfigurationException>(() => PathPatterns.Compile([pattern], caseSensitive: false, "--no-cache"));
        Assert.StartsWith("--no-cache: ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void NoPatterns_MatchNothing()
    {
        var patterns = PathPatterns.Compile([], caseSensitive: false, "Test");
        Assert.False(patterns.IsMatch("/"));
        Assert.False(patterns.IsMatch("/a/b"));
    }

    [Fact]
    public void LongHostilePaths_AreMatchedQuickly()
    {
        var patterns = PathPatterns.Compile(["**/a*a*a*a*a*b", "/x/**/**/**/y"], caseSensitive: false, "Test");
        var path = "/" + string.Concat(Enumerable.Repeat("a", 20000)) + "/x" + string.Concat(Enumerable.Repeat("/x", 2000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(patterns.IsMatch(path));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("/a/../b")]
    [InlineData("./a")]
    [InlineData("a\\b")]
    [InlineData("/a\nb")]
    public void UnusablePatterns_AreAStartupErrorNamingTheOption(string pattern)
    {
        var error = Assert.Throws<MixConfigurationException>(() => PathPatterns.Compile([pattern], caseSensitive: false, "DenyPathsOptions.Patterns"));
        Assert.StartsWith("DenyPathsOptions.Patterns: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>The matcher against a regular expression written from the documented rules, on random globs and paths
    /// over a small alphabet (so that they meet): both must agree on every pair.</summary>
    [Fact]
    public void RandomGlobsAndPaths_MatchAsTheDocumentedRegularExpressionDoes()
    {
        var random = new Random(20261202);
        string[] globParts = ["a", "b", ".", "*", "?", "/", "**", "/**/"];
        string[] pathParts = ["a", "b", "A", ".", "/"];
        var checkedPairs = 0;
        for (var g = 0; g < 400; g++)
        {
            var glob = string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => globParts[random.Next(globParts.Length)]));
            if (glob.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(segment => segment is "." or ".."))
            {
                continue;
            }

            var caseSensitive = g % 2 == 0;
            var patterns = PathPatterns.Compile([glob], caseSensitive, "Test");
            var reference = ReferenceRegex(glob, caseSensitive);
            for (var p = 0; p < 40; p++)
            {
                var path = "/" + string.Concat(Enumerable.Range(0, random.Next(0, 9)).Select(_ => pathParts[random.Next(pathParts.Length)]));
                Assert.True(reference.IsMatch(path) == patterns.IsMatch(path), $"glob '{glob}', path '{path}': expected {reference.IsMatch(path)}");
                checkedPairs++;
            }
        }

        Assert.True(checkedPairs > 8000, $"only {checkedPairs} pairs");
    }

    /// <summary>The rules as a regular expression: <c>*</c> is <c>[^/]*</c>, <c>?</c> is <c>[^/]</c>, a <c>**</c> segment
    /// is any segments (the last one: anything), the match starts at the path's start (leading <c>/</c>) or at any slash,
    /// and ends at a slash or the end of the path.</summary>
    private static System.Text.RegularExpressions.Regex ReferenceRegex(string glob, bool caseSensitive)
    {
        var segments = glob.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var regex = new System.Text.StringBuilder(glob[0] == '/' ? "^/" : "/");
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            foreach (var c in segments[i].Replace("**", "*", StringComparison.Ordinal))
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()) });
            }

            regex.Append(last ? "(?:/|$)" : "/");
        }

        var options = System.Text.RegularExpressions.RegexOptions.CultureInvariant | (caseSensitive ? 0 : System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return new System.Text.RegularExpressions.Regex(regex.ToString(), options);
    }
}
