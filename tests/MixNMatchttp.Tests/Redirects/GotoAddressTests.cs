using MixNMatchttp.Redirects;

namespace MixNMatchttp.Tests.Redirects;

public sealed class GotoAddressTests
{
    [Theory]
    [InlineData("/goto/a/b", "a/b", "a/b")]
    [InlineData("/goto/%2e%2e/x?q=%0a", "../x", "%2e%2e/x?q=%0a")]
    [InlineData("/goto/%C3%A9/x", "é/x", "%C3%A9/x")]
    [InlineData("/%67oto/%25", "%", "%25")]
    [InlineData("/goto", "", "")]
    [InlineData("/goto?x", "", "")]
    [InlineData("/goto/?x", "", "?x")]
    [InlineData("/goto/%zz", "%zz", "%zz")]
    public void FromRawTarget_ReturnsTheArgumentsAsSent(string rawTarget, string decodedArgs, string address)
    {
        var pathEnd = rawTarget.IndexOf('?', StringComparison.Ordinal) is var end and >= 0 ? end : rawTarget.Length;
        Assert.Equal(address, GotoAddress.FromRawTarget(rawTarget[..pathEnd], rawTarget[pathEnd..], decodedArgs));
    }

    [Theory]
    [InlineData("a\r\nb", true)]
    [InlineData("a\nb", true)]
    [InlineData("a\tb", true)]
    [InlineData("a\u007fb", true)]
    [InlineData("a%0db", true)]
    [InlineData("a%0Ab", true)]
    [InlineData("a%1fb", true)]
    [InlineData("a%7Fb", true)]
    [InlineData("a%20b%2F%7e", false)]
    [InlineData("100%", false)]
    [InlineData("%0", false)]
    public void HasControlCharacters_FindsRawAndEncodedOnes(string text, bool expected) =>
        Assert.Equal(expected, GotoAddress.HasControlCharacters(text));

    [Theory]
    [InlineData("https://h/x", true)]
    [InlineData("//h/x", true)]
    [InlineData("mailto:a@b", true)]
    [InlineData("x/y", false)]
    [InlineData("/x", false)]
    [InlineData("1http://h", false)]
    [InlineData("./a:b", false)]
    [InlineData("", false)]
    public void IsAbsolute_MeansASchemeOrAHost(string address, bool expected) =>
        Assert.Equal(expected, GotoAddress.IsAbsolute(address));

    [Theory]
    [InlineData("http://h/caf\u00e9", "http://h/caf%C3%A9")]
    [InlineData("http://h/a b", "http://h/a%20b")]
    [InlineData("http://h/\U0001F600", "http://h/%F0%9F%98%80")]
    [InlineData("http://h/%41~", "http://h/%41~")]
    public void EscapeNonAscii_PercentEncodesWhatAHeaderCannotCarry(string location, string expected) =>
        Assert.Equal(expected, HttpSyntax.EscapeNonAscii(location));
}
