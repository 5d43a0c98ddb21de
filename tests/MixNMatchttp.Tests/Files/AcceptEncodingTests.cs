using Microsoft.Extensions.Primitives;

namespace MixNMatchttp.Tests.Files;

/// <summary>Accept-Encoding as the server reads it (pure logic): the compressed codings a request accepts, preferred
/// first; anything malformed or abusive accepts identity only.</summary>
public sealed class AcceptEncodingTests
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br gzip")]
    [InlineData("gzip, deflate, br", "br gzip")]
    [InlineData("BR, GZIP", "br gzip")]
    [InlineData("Br;Q=1, gZip;q=0.5", "br gzip")]
    [InlineData("br;q=0.5, gzip;q=0.8", "gzip br")]
    [InlineData("br;q=0.5, gzip;q=0.5", "br gzip")]
    [InlineData("gzip;q=1.0, br;q=0.999", "gzip br")]
    [InlineData("gzip;q=0, br", "br")]
    [InlineData("br;q=0, gzip;q=0.001", "gzip")]
    [InlineData("br;q=0.000, gzip;q=0.", "")]
    [InlineData("*", "br gzip")]
    [InlineData("*;q=0.5, gzip", "gzip br")]
    [InlineData("*;q=0", "")]
    [InlineData("*;q=0, gzip", "gzip")]
    [InlineData("identity", "")]
    [InlineData("identity;q=0, gzip", "gzip")]
    [InlineData("identity;q=0.5, gzip;q=0.4, br;q=0.6", "br")]
    [InlineData("identity;q=0.5, gzip;q=0.5", "gzip")]
    [InlineData("*;q=0.5, gzip;q=0.3", "br")]
    [InlineData("deflate, compress", "")]
    [InlineData("gzip;q=0.8, gzip;q=0", "gzip")]
    [InlineData("  gzip  ;  q = 0.5  ,  br ; q=0.4 ", "gzip br")]
    [InlineData("\tgzip\t;\tq=0.5", "gzip")]
    [InlineData(",, ,gzip,,", "gzip")]
    public void Preferred_RanksTheCodingsByWeight_BrotliFirstAmongEquals(string header, string expected)
    {
        Assert.Equal(expected, Names(AcceptEncoding.Preferred(header)));
    }

    [Fact]
    public void SeveralHeaderLines_AreOneList()
    {
        Assert.Equal("gzip br", Names(AcceptEncoding.Preferred(new StringValues(["gzip", "br;q=0.5"]))));
        Assert.Equal(string.Empty, Names(AcceptEncoding.Preferred(new StringValues(["gzip", "br;q=abc"]))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("br;q=abc")]
    [InlineData("br;q=")]
    [InlineData("br;q")]
    [InlineData("br;")]
    [InlineData("br;q=2")]
    [InlineData("br;q=1.001")]
    [InlineData("br;q=0.5555")]
    [InlineData("br;q=-1")]
    [InlineData("br;q=.5")]
    [InlineData("br;q=01")]
    [InlineData("br;q=1e0")]
    [InlineData("br;q=0.5;q=0.4")]
    [InlineData("br;level=9")]
    [InlineData("br;q=0.5 x")]
    [InlineData("br gzip")]
    [InlineData("b\u00f6, gzip")]
    [InlineData("gzip, br\u0000")]
    [InlineData("gzip\r\n, br")]
    [InlineData("gzip, \u0001br")]
    [InlineData("\"gzip\"")]
    [InlineData("gzip;q=\u0661")]
    [InlineData("br;q=\uff10.5")]
    [InlineData(";q=1, gzip")]
    public void MalformedHeader_AcceptsIdentityOnly(string header)
    {
        Assert.Empty(AcceptEncoding.Preferred(header));
    }

    [Fact]
    public void NoHeader_AcceptsIdentityOnly()
    {
        Assert.Empty(AcceptEncoding.Preferred(StringValues.Empty));
    }

    [Fact]
    public void MoreCodingsThanABrowserSends_AcceptIdentityOnly()
    {
        var many = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"c{i};q=0.5")) + ", br, gzip";
        var limit = string.Join(", ", Enumerable.Range(0, AcceptEncoding.MaxCodings - 1).Select(i => $"c{i}")) + ", br";

        Assert.Empty(AcceptEncoding.Preferred(many));
        Assert.Equal("br", Names(AcceptEncoding.Preferred(limit)));
    }

    [Fact]
    public void HugeHeader_AcceptsIdentityOnly_InLinearTime()
    {
        var huge = "gzip;q=0." + new string('5', 1_000_000);

        Assert.Empty(AcceptEncoding.Preferred(huge));
        Assert.Empty(AcceptEncoding.Preferred(new string(',', 1_000_000) + "x y"));
        Assert.Equal("gzip", Names(AcceptEncoding.Preferred(new string(' ', 100_000) + "gzip")));
    }

    private static string Names(IEnumerable<ContentCoding> codings) => string.Join(' ', codings.Select(coding => coding.Token()));
}
