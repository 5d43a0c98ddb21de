using System.Buffers;
using System.Net;
using System.Text;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

/// <summary>The Combined Log Format line itself, for what Kestrel never lets through to a module (raw CR, LF, NUL,
/// non-ASCII in the request line) and for the corner cases of the fields.</summary>
public sealed class AccessLogLineTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 1, 21, 33, 37, 123, TimeSpan.Zero);

    [Fact]
    public void AnOrdinaryRequest_IsTheCombinedLogFormat()
    {
        Assert.Equal(
            "10.0.0.7 - - [01/Dec/2026:21:33:37 +0000] \"GET /a/b.txt?x=1 HTTP/1.1\" 200 1024 \"http://lab/\" \"curl/8.5.0\"",
            Format(new(IPAddress.Parse("10.0.0.7"), Time, "GET", "/a/b.txt?x=1", "HTTP/1.1", 200, 1024, "http://lab/", "curl/8.5.0")));
    }

    [Theory]
    [InlineData("\r\n", @"\x0d\x0a")]
    [InlineData("\0\u0007\u001b\u007f", @"\x00\x07\x1b\x7f")]
    [InlineData("\u0085\u009b", @"\xc2\x85\xc2\x9b")]
    [InlineData("\"\\", @"\""\\")]
    [InlineData("é☃😀", @"\xc3\xa9\xe2\x98\x83\xf0\x9f\x98\x80")]
    [InlineData("plain ASCII ~!@#$%^&*()[]{}<>|", "plain ASCII ~!@#$%^&*()[]{}<>|")]
    public void EveryField_IsEscaped(string hostile, string escaped)
    {
        var line = Format(new(IPAddress.Loopback, Time, "GET" + hostile, "/p" + hostile, "HTTP/1.1" + hostile, 200, 0, "r" + hostile, "u" + hostile));

        Assert.Equal($"127.0.0.1 - - [01/Dec/2026:21:33:37 +0000] \"GET{escaped} /p{escaped} HTTP/1.1{escaped}\" 200 - \"r{escaped}\" \"u{escaped}\"", line);
        Assert.DoesNotContain(line, c => c is < ' ' or > '~');
    }

    [Fact]
    public void ALoneSurrogate_IsWrittenAsTheReplacementCharacter()
    {
        // built here: test case data would not carry a lone surrogate intact
        var line = Format(new(IPAddress.Loopback, Time, "GET", "/a" + '\ud800' + "b" + '\udc00', "HTTP/1.1", 200, 0, null, "\ud83d\ude00" + '\ud83d'));

        Assert.Equal(@"127.0.0.1 - - [01/Dec/2026:21:33:37 +0000] ""GET /a\xef\xbf\xbdb\xef\xbf\xbd HTTP/1.1"" 200 - ""-"" ""\xf0\x9f\x98\x80\xef\xbf\xbd""", line);
    }

    [Fact]
    public void AHugeHostileValue_GrowsTheBuffer_AndStaysOneLine()
    {
        var userAgent = string.Concat(Enumerable.Repeat("\n\"☃", 20_000));
        var line = Format(new(IPAddress.Loopback, Time, "GET", "/", "HTTP/1.1", 200, 0, null, userAgent));

        Assert.EndsWith("\"" + string.Concat(Enumerable.Repeat(@"\x0a\""\xe2\x98\x83", 20_000)) + "\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("::ffff:192.168.1.2", "192.168.1.2")]
    [InlineData("2001:db8::42", "2001:db8::42")]
    [InlineData(null, "-")]
    public void TheClient_IsItsAddress_IPv4MappedAddressesAsIPv4(string? address, string written)
    {
        var line = Format(new(address is null ? null : IPAddress.Parse(address), Time, "GET", "/", "HTTP/2", 204, 0, string.Empty, null));

        Assert.Equal($"{written} - - [01/Dec/2026:21:33:37 +0000] \"GET / HTTP/2\" 204 - \"-\" \"-\"", line);
    }

    [Theory]
    [InlineData("/?password=a", "/?password=***")]
    [InlineData("/?PassWord=a&pass=b&passwd=c&pwd=d&new_password=e", "/?PassWord=***&pass=***&passwd=***&pwd=***&new_password=***")]
    [InlineData("/?token=a&access_token=b&refresh_token=c&csrf_token=d&secret=e&key=f&code=g", "/?token=***&access_token=***&refresh_token=***&csrf_token=***&secret=***&key=***&code=***")]
    [InlineData("/?%70assword=a&pass%5Fword=b&to%6Ben=c", "/?%70assword=***&pass%5Fword=b&to%6Ben=***")]
    [InlineData("/?passwords=a&keys=b&monkey=c&tokenx=d&password", "/?passwords=a&keys=b&monkey=c&tokenx=d&password")]
    [InlineData("/?=x&&password=&password==&a=1", "/?=x&&password=***&password=***&a=1")]
    [InlineData("/?pass+word=a&pass%2=b&%=c", "/?pass+word=a&pass%2=b&%=c")]
    [InlineData("/login?password=x\"\r\n#frag", "/login?password=***")]
    [InlineData("/no/query/password=x", "/no/query/password=x")]
    public void SecretQueryValues_AreHidden(string target, string written)
    {
        var line = Format(new(IPAddress.Loopback, Time, "GET", target, "HTTP/1.1", 200, 0, null, null));
        Assert.Contains($"\"GET {written} HTTP/1.1\"", line, StringComparison.Ordinal);

        var shown = Format(new(IPAddress.Loopback, Time, "GET", target, "HTTP/1.1", 200, 0, null, null), logSecrets: true);
        Assert.DoesNotContain("***", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongEncodedName_IsNotASecret_AndCostsNothing()
    {
        var name = string.Concat(Enumerable.Repeat("%41", 100));
        Assert.Contains($"?{name}=v ", Format(new(IPAddress.Loopback, Time, "GET", $"/?{name}=v", "HTTP/1.1", 200, 0, null, null)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, true, "\e[32m200\e[0m")]
    [InlineData(302, true, "\e[36m302\e[0m")]
    [InlineData(404, true, "\e[33m404\e[0m")]
    [InlineData(503, true, "\e[31m503\e[0m")]
    [InlineData(101, true, "101")]
    [InlineData(500, false, "500")]
    public void TheConsoleLine_ColoursTheStatusOnly(int status, bool colour, string written)
    {
        var text = AccessLogLine.Format(new(IPAddress.Loopback, Time, "GET", "/", "HTTP/1.1", status, 7, null, null), logSecrets: false);
        var (line, length) = AccessLogLine.ForConsole(text, colour);
        try
        {
            Assert.Equal($"127.0.0.1 - - [01/Dec/2026:21:33:37 +0000] \"GET / HTTP/1.1\" {written} 7 \"-\" \"-\"", Encoding.ASCII.GetString(line, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(line);
            ArrayPool<byte>.Shared.Return(text.Array);
        }
    }

    private static string Format(AccessLogRequest request, bool logSecrets = false)
    {
        var text = AccessLogLine.Format(request, logSecrets);
        try
        {
            return Encoding.ASCII.GetString(text.Array, 0, text.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text.Array);
        }
    }
}
