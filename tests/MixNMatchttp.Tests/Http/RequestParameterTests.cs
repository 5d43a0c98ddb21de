using System.Net;
using System.Net.Http.Headers;

namespace MixNMatchttp.Tests.Http;

public sealed class RequestParameterTests
{
    private static Task<TestHost> EchoHost() => TestHost.StartAsync(new TestModule(
        new() { ["p"] = new() { AllowedMethods = ["GET", "POST", "PUT"] } },
        map => map.Any("p", c => new(c.SendJsonAsync(new
        {
            name = c.GetParam("name"),
            roles = c.GetParamValues("roles"),
            bare = c.GetParam("bare"),
            body = c.Body.Length,
        })))));

    private static async Task<string> Send(TestHost host, HttpMethod method, string target, HttpContent? content)
    {
        var response = await host.Client.SendAsync(new HttpRequestMessage(method, target) { Content = content });
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static StringContent Body(string text, string? contentType)
    {
        var content = new StringContent(text);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task QueryParameters_AreDecoded_AndABareKeyIsEmpty()
    {
        await using var host = await EchoHost();
        Assert.Equal("""200 {"name":"a b\u0026c","roles":["x","y"],"bare":"","body":0}""", await Send(host, HttpMethod.Get, "/p?name=a+b%26c&roles=x,y&bare", null));
    }

    [Fact]
    public async Task JsonBody_GivesParameters_BeforeTheQuery()
    {
        await using var host = await EchoHost();
        var result = await Send(host, HttpMethod.Post, "/p?name=query", Body("""{"name":"json","roles":["a","b"],"bare":3}""", "application/json"));
        Assert.Equal("""200 {"name":"json","roles":["a","b"],"bare":"3","body":42}""", result);
    }

    [Fact]
    public async Task TextJson_IsJsonToo()
    {
        await using var host = await EchoHost();
        Assert.StartsWith("""200 {"name":"t""", await Send(host, HttpMethod.Post, "/p", Body("""{"name":"t"}""", "text/json; charset=utf-8")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormBody_GivesParameters_BeforeTheQuery_DecodedOnce()
    {
        await using var host = await EchoHost();
        var result = await Send(host, HttpMethod.Post, "/p?name=query", Body("name=%2541+b&roles=r1&roles=r2", "application/x-www-form-urlencoded"));
        Assert.Equal("""200 {"name":"%41 b","roles":["r1","r2"],"bare":null,"body":30}""", result);
    }

    [Fact]
    public async Task OtherContentTypes_GiveNoParameters_ButTheBodyIsKept()
    {
        await using var host = await EchoHost();
        Assert.Equal("""200 {"name":"q","roles":[],"bare":null,"body":9}""", await Send(host, HttpMethod.Post, "/p?name=q", Body("name=body", "text/plain")));
    }

    [Fact]
    public async Task JsonArray_GivesNoParameters()
    {
        await using var host = await EchoHost();
        Assert.Equal("""200 {"name":null,"roles":[],"bare":null,"body":10}""", await Send(host, HttpMethod.Post, "/p", Body("""["name",1]""", "application/json")));
    }

    [Theory]
    [InlineData("{\"name\":", "application/json", "the body is not valid JSON")]
    [InlineData("name=x", null, "a request body needs a Content-Type header")]
    [InlineData("name=x", "application/x-www-form-urlencoded; charset=iso-8859-1", "charset 'iso-8859-1' is not supported")]
    public async Task UndecodableBodies_Get400WithAOneLineReason(string body, string? contentType, string reason)
    {
        await using var host = await EchoHost();
        var result = await Send(host, HttpMethod.Post, "/p", Body(body, contentType));
        Assert.StartsWith("400 Bad Request: ", result, StringComparison.Ordinal);
        Assert.Contains(reason, result, StringComparison.Ordinal);
        Assert.Single(result.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task InvalidUtf8Form_Gets400()
    {
        await using var host = await EchoHost();
        var content = new ByteArrayContent([0x6e, 0x3d, 0xff, 0xfe]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        Assert.StartsWith("400 Bad Request: the form body is not valid UTF-8", await Send(host, HttpMethod.Post, "/p", content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedBody_IsRead()
    {
        await using var host = await EchoHost();
        var request = "POST /p HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\n{\"name\r\n7\r\n\":\"ck\"}\r\n0\r\n\r\n";
        var response = await RawHttp.SendAsync(host.Port, request);
        Assert.Equal(200, response.Status);
        Assert.Contains("\"name\":\"ck\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        await using var host = await TestHost.StartAsync(new MixServerOptions { MaxRequestBodySize = 10 }, new TestModule(new() { ["p"] = new() { AllowedMethods = ["POST"] } }));
        var declared = await host.Client.PostAsync("/p", Body(new string('x', 11), "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        var chunked = await RawHttp.SendAsync(host.Port, "POST /p HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nxxxxxxxxxxx\r\n0\r\n\r\n");
        Assert.Equal(413, chunked.Status);
    }

    [Fact]
    public async Task BinaryBody_IsKeptAsSent()
    {
        byte[] sent = [0, 1, 2, 255, 13, 10];
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["p"] = new() { AllowedMethods = ["PUT"] } },
            map => map.Put("p", c => new(c.RenderAsync(c.Body, "application/octet-stream")))));
        var content = new ByteArrayContent(sent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await host.Client.PutAsync("/p", content);
        Assert.Equal(sent, await response.Content.ReadAsByteArrayAsync());
    }
}
