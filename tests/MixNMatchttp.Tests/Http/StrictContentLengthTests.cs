using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MixNMatchttp.Tests.Hosting;

namespace MixNMatchttp.Tests.Http;

/// <summary>A <c>Content-Length</c> that is not digits only is refused before Kestrel reads it as a number
/// (<see cref="StrictContentLength"/>), on every request of a connection (after chunked ones too), over TLS too, and
/// nothing else is changed: bodies that look like such a header, chunked bodies and HTTP/2 pass untouched.</summary>
public sealed class StrictContentLengthTests
{
    private const string LookAlike = "a\r\nContent-Length: +6\r\n\r\nb";

    /// <summary>What the echo shows of <see cref="LookAlike"/> sent as a form field: '+' is a space there.</summary>
    private const string LookAlikeDecoded = "a\r\nContent-Length:  6\r\n\r\nb";

    private static TestModule Echo() => new(
        new() { ["echo"] = new() { AllowedMethods = ["POST"] } },
        map => map.Post("echo", c => new(c.RenderAsync("[" + (c.GetParam("data") ?? "(none)") + "]", "text/plain"))));

    private static string Post(string contentLength, string body) =>
        $"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {contentLength}\r\n\r\n{body}";

    private static string Form(string data) => "data=" + data;

    /// <summary>The body in two chunks (sizes in lower and upper case, an extension on the first) and a trailer.</summary>
    private static string ChunkedPost(string body)
    {
        var half = body.Length / 2;
        return "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
            + $"{half:x};name=value\r\n{body[..half]}\r\n{body.Length - half:X}\r\n{body[half..]}\r\n0\r\nX-Trailer: +6\r\n\r\n";
    }

    [Fact]
    public async Task ASignedLengthOnALaterRequestOfTheConnection_Gets400_AfterTheEarlierOnesAreAnswered()
    {
        await using var host = await TestHost.StartAsync(Echo());
        var first = Form("one");
        var second = Form("two");

        var answer = await ExchangeAsync(host.Port, Post(first.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), first) + Post("+" + second.Length, second));

        Assert.Equal(2, CountOf(answer, "HTTP/1.1 "));
        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("[one]", answer, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[two]", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+8")]
    [InlineData("-8")]
    [InlineData("\u0668")] // an Arabic-Indic digit (two UTF-8 bytes)
    [InlineData("8\u00a0")]
    [InlineData("\u00018")]
    [InlineData("99999999999999999999999")]
    public async Task AValueThatIsNotDigitsOnly_Gets400_AndTheRequestIsNotServed(string value)
    {
        await using var host = await TestHost.StartAsync(Echo());

        var answer = await ExchangeAsync(host.Port, Post(value, Form("sent")));

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[sent]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodiesThatLookLikeABadHeader_PassUnchanged_AndTheNextRequestIsServed()
    {
        await using var host = await TestHost.StartAsync(Echo());
        var body = Form(LookAlike);
        var next = Form("next");

        var answer = await ExchangeAsync(host.Port, Post(Length(body), body) + Post(Length(next), next) + "GET /missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.Contains("[" + LookAlikeDecoded + "]", answer, StringComparison.Ordinal);
        Assert.Contains("[next]", answer, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(answer, "HTTP/1.1 "));
        Assert.DoesNotContain("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChunkedBodyThatLooksLikeABadHeader_PassesUnchanged()
    {
        await using var host = await TestHost.StartAsync(Echo());
        var body = Form(LookAlike);

        var answer = await ExchangeAsync(host.Port, $"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("[" + LookAlikeDecoded + "]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedLengthAfterChunkedRequests_Gets400_AndTheChunkedBodiesPassUnchanged()
    {
        await using var host = await TestHost.StartAsync(Echo());
        var chunked = ChunkedPost(Form(LookAlike));
        var bad = Form("bad");

        var answer = await ExchangeAsync(host.Port, chunked + chunked + Post("+" + bad.Length, bad));

        Assert.Equal(2, CountOf(answer, "[" + LookAlikeDecoded + "]"));
        Assert.Equal(3, CountOf(answer, "HTTP/1.1 "));
        Assert.Contains("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[bad]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverTls_ASignedLength_Gets400_AndHttp2IsUntouched()
    {
        await using var app = MixServer.Create(new MixServerOptions { Listen = ["https://127.0.0.1:0"], ConfigureLogging = _ => { } }).Add(Echo()).Build();
        await app.StartAsync();
        var url = new Uri(app.Urls[0]);
        var body = Form("tls");

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, url.Port);
        bool IsServers(X509Certificate2? certificate) => certificate is not null && TestTls.Fingerprint(certificate) == app.CertificateFingerprint;
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", RemoteCertificateValidationCallback = (_, certificate, _, _) => IsServers(certificate as X509Certificate2) });
        var answer = await ExchangeAsync(tls, Post("+" + body.Length, body));
        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);

        using var h2 = TestTls.Client(HttpVersion.Version20, IsServers);
        var response = await h2.PostAsync(new Uri(url, "/echo"), new StringContent(Form(LookAlike), Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("[" + LookAlikeDecoded + "]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestsArrivingAFewBytesAtATime_AreReadAlike()
    {
        await using var host = await TestHost.StartAsync(Echo());
        var body = Form(LookAlike);
        var bad = Form("bad");

        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, host.Port);
        var stream = client.GetStream();
        var bytes = Encoding.UTF8.GetBytes(Post(Length(body), body) + ChunkedPost(body) + Post("+" + bad.Length, bad));
        try
        {
            for (var i = 0; i < bytes.Length; i += 3)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(3, bytes.Length - i)));
                await Task.Delay(1);
            }
        }
        catch (IOException)
        {
            // the server closed the connection after its 400, before the refused request's last bytes
        }

        var answer = await ReadAllAsync(stream);
        Assert.Equal(2, CountOf(answer, "[" + LookAlikeDecoded + "]"));
        Assert.Contains("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[bad]", answer, StringComparison.Ordinal);
    }

    private static string Length(string body) => Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ExchangeAsync(int port, string requests)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return await ExchangeAsync(client.GetStream(), requests);
    }

    /// <summary>Sends the requests at once and reads the answers.</summary>
    private static async Task<string> ExchangeAsync(Stream stream, string requests)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(requests));
        return await ReadAllAsync(stream);
    }

    /// <summary>Reads until the server closes the connection (or 10 s pass).</summary>
    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await stream.CopyToAsync(buffer, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // a connection kept open: what came is the answer
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
