
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
}
