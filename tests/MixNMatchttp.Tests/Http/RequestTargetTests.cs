namespace MixNMatchttp.Tests.Http;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("//a///b", "/a/b")]
    [InlineData("/a/./b/.", "/a/b")]
    [InlineData("/a/../b", "/b")]
    [InlineData("/../../a", "/a")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/..", "/")]
    [InlineData("/debug/sub/..//foo/../bar/./baz", "/debug/bar/baz")]
    public void Canonicalize_ResolvesDotsAndEmptySegments_NeverAboveRoot(string path, string expected) =>
        Assert.Equal(expected, RequestTarget.Canonicalize(path));

    [Fact]
    public void Canonicalize_ReturnsTheSameInstance_WhenAlreadyCanonical()
    {
        var path = "/a/b/c.txt";
        Assert.Same(path, RequestTarget.Canonicalize(path));
    }

    [Fact]
    public void Parse_SplitsPathQueryAndFragment_AndDecodesThePath()
    {
        Assert.Null(RequestTarget.TryParse("/a%20b/%2e%2e/c?x=1&y#frag", out var target));
        Assert.Equal("/a b/../c", target.DecodedPath);
        Assert.Equal("/c", target.CanonicalPath);
        Assert.Equal("x=1&y", target.Query);
    }

    [Fact]
    public void Parse_DecodesUtf8Escapes()
    {
        Assert.Null(RequestTarget.TryParse("/%C3%A9t%C3%A9", out var target));
        Assert.Equal("/été", target.CanonicalPath);
    }

    [Fact]
    public void Parse_KeepsMalformedEscapesAsSent()
    {
        Assert.Null(RequestTarget.TryParse("/100%/x%zz", out var target));
        Assert.Equal("/100%/x%zz", target.DecodedPath);
    }

    [Theory]
    [InlineData("/%c0%ae%c0%ae/secret")]
    [InlineData("/%ff")]
    public void Parse_RefusesInvalidUtf8(string target) =>
        Assert.Contains("UTF-8", RequestTarget.TryParse(target, out _), StringComparison.Ordinal);

    [Theory]
    [InlineData("/a%00b")]
    [InlineData("/a%0d%0aSet-Cookie:x")]
    [InlineData("/%7f")]
    public void Parse_RefusesControlCharacters(string target) =>
        Assert.Contains("control", RequestTarget.TryParse(target, out _), StringComparison.Ordinal);

    [Theory]
    [InlineData("*")]
    [InlineData("http://example.test/a")]
    [InlineData("example.test:443")]
    public void Parse_RefusesNonOriginForms(string target) => Assert.NotNull(RequestTarget.TryParse(target, out _));
}
