using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MixNMatchttp.Tests.Http;

/// <summary>Bodies and framing a strict server refuses with a clear 4xx (never a 500), as request smuggling and
/// parser confusion start with them.</summary>
public sealed class HostileBodyAndFramingTests
{
    private static TestModule Echo() => new(
        new() { ["echo"] = new() { AllowedMethods = ["POST"] }, ["go"] = new() },
        map => map.Post("echo", c => new(c.RenderAsync(c.GetParam("data") ?? "(none)", "text/plain"))).Get("go", c => new(c.RedirectAsync())));

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'d', (byte)'a', (byte)'t', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xff, (byte)'"', (byte)'}' }, "the JSON body is not valid UTF-8")]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xc3, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "the JSON body is not valid UTF-8")]
    public async Task InvalidUtf8InsideAJsonString_Gets400(byte[] body, string reason)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.Client.PostAsync("/echo", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"Bad Request: {reason}\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"data\":\"\\ud800\"}")]
    [InlineData("{\"data\":\"\\udfff x\"}")]
    [InlineData("{\"\\ud800\":1}")]
    public async Task ALoneSurrogateEscapeInJson_Gets400(string json)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.Client.PostAsync("/echo", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lone surrogate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidSurrogatePairEscape_IsFine()
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.Client.PostAsync("/echo", new StringContent("{\"data\":\"\\ud83d\\ude00\"}", Encoding.UTF8, "application/json"));

        Assert.Equal("\U0001F600", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("data=%ff")]
    [InlineData("data=%C3")]
    [InlineData("%ff=x")]
    [InlineData("data=%ed%a0%80")] // an encoded surrogate
    public async Task AFormFieldThatIsNotUtf8OnceDecoded_Gets400(string form)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.Client.PostAsync("/echo", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request: a form field is not valid UTF-8 once percent-decoded\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("data=a+b%20c", "a b c")]
    [InlineData("data=caf%C3%A9", "café")]
    [InlineData("data=100%", "100%")] // a malformed escape stays as sent, as browsers do
    [InlineData("data=%zz&data2=1", "%zz")]
    [InlineData("x&data=1=2", "1=2")]
    public async Task Forms_AreDecodedAsBrowsersBuildThem(string form, string data)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.Client.PostAsync("/echo", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(data, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFF")]
    [InlineData("99999999999999999999")]
    public async Task AChunkSizeThatOverflows_Gets400(string size)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.RawAsync("POST", "/echo", $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\nabc\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
    }

    [Theory]
    [InlineData("Transfer-Encoding: gzip, chunked\r\n", 501)]
    [InlineData("Transfer-Encoding: identity\r\n", 400)] // Kestrel's own answer: chunked must come last
    [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 501)]
    [InlineData("X-Bad(Name: 1\r\nContent-Length: 6\r\n", 400)]
    [InlineData("X-Bad@Name: 1\r\nContent-Length: 6\r\n", 400)]
    [InlineData("Content-Length: +7\r\n", 400)] // Kestrel alone reads it as 7
    [InlineData("content-LENGTH:\t+7 \r\n", 400)]
    [InlineData("Content-Length: 0x7\r\n", 400)]
    [InlineData("Content-Length: 7 7\r\n", 400)]
    public async Task FramingAStrictServerRefuses_GetsA4xxOr501_AndTheConnectionIsClosed(string headers, int status)
    {
        await using var host = await TestHost.StartAsync(Echo());
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.Port);
        var stream = client.GetStream();
        var request = $"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{headers}\r\n{{\"a\":1}}\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var buffer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(buffer, timeout.Token); // ends only when the server closes the connection
        var answer = Encoding.ASCII.GetString(buffer.ToArray());

        Assert.True(answer.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), answer);
        Assert.True(CountOf(answer, "HTTP/1.1 ") == 1, answer); // the smuggled second request is never answered
    }

    [Fact]
    public async Task AHealthyRequest_WithTheSameShape_IsServed()
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.RawAsync("POST", "/echo", "Content-Type: application/json\r\nX-Good-Name_1: x\r\n", "{\"data\":\"ok\"}");

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", response.Text);
    }

    [Theory]
    [InlineData("/caf%C3%A9", "/caf%C3%A9")]
    [InlineData("/a%20b", "/a%20b")]
    [InlineData("/x?q=%E2%9C%93", "/x?q=%E2%9C%93")]
    public async Task ANonAsciiGoto_IsSentPercentEncoded(string encodedGoto, string location)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var response = await host.GetRawAsync("/go?goto=" + Uri.EscapeDataString(Uri.UnescapeDataString(encodedGoto)));

        Assert.Equal(302, response.Status);
        Assert.Equal(location, response.Header("Location"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
