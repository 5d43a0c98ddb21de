using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;
using MixNMatchttp.Headers;

namespace MixNMatchttp.Tests.Endpoints;

/// <summary>Records, after each request, whether anything read its body.</summary>
internal sealed class BodyWitness : MixModule
{
    public ConcurrentDictionary<string, bool> BodyRead { get; } = new();

    public override ValueTask ObserveAsync(RequestContext context)
    {
        BodyRead[context.Method + " " + context.Path] = context.IsBodyRead;
        return default;
    }
}

public sealed class CheapRefusalTests
{
    private static TestModule Api() => new(
        new()
        {
            ["private"] = new() { AllowedMethods = ["POST"] },
            ["echo"] = new() { AllowedMethods = ["POST"], NArgs = 0 },
        },
        map => map.Post("echo", c => new(c.RenderAsync(c.Body, "text/plain"))).Post("private", c => new(c.SendEmptyAsync())))
    {
        Deny = c => new(c.Path.StartsWith("/private", StringComparison.Ordinal) ? new Denial(401, null, "log in") : null),
    };

    [Theory]
    [InlineData("/private", 401)] // denied by a module
    [InlineData("/echo", 405)] // PUT is not allowed on the endpoint
    [InlineData("/echo/extra", 400)] // an argument the endpoint does not take
    [InlineData("/file.txt", 405)] // a file path takes no body
    public async Task ARefusedRequest_NeverHasItsBodyRead(string path, int status)
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "x");
        var witness = new BodyWitness();
        await using var host = await TestHost.StartAsync(witness, Api(), new StaticFiles(new() { Root = dir.Path }));
        var method = path == "/echo" ? HttpMethod.Put : HttpMethod.Post;

        var response = await host.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(witness.BodyRead[$"{method} {path}"]);
    }

    [Fact]
    public async Task AnEndpointHandler_HasItsBodyRead_BeforeItRuns()
    {
        var witness = new BodyWitness();
        await using var host = await TestHost.StartAsync(witness, Api());

        var response = await host.Client.PostAsync("/echo", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));

        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
        Assert.True(witness.BodyRead["POST /echo"]);
    }

    [Fact]
    public async Task AnUndecodableBody_ToADeniedPath_GetsTheDenial_NotA400()
    {
        await using var host = await TestHost.StartAsync(Api());

        var response = await host.Client.PostAsync("/private", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ADenyHook_ThatAsksForParameters_ReadsTheBodyItself()
    {
        var module = new TestModule(new() { ["form"] = new() { AllowedMethods = ["POST"] } }, map => map.Post("form", c => new(c.RenderAsync("in", "text/plain"))))
        {
            Deny = async c => await c.ReadBodyAsync() ?? (c.GetParam("key") == "open" ? null : new Denial(403)),
        };
        await using var host = await TestHost.StartAsync(module);

        var open = await host.Client.PostAsync("/form", new FormUrlEncodedContent([new("key", "open")]));
        var shut = await host.Client.PostAsync("/form", new FormUrlEncodedContent([new("key", "other")]));
        var broken = await host.Client.PostAsync("/form", new StringContent("{", Encoding.UTF8, "application/json"));

        Assert.Equal("in", await open.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, shut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task GetParam_BeforeTheBodyIsRead_IsAClearProgrammingError()
    {
        var module = new TestModule(new() { ["x"] = new() })
        {
            Deny = c => ValueTask.FromResult<Denial?>(c.GetParam("a") is null ? null : new Denial(403)),
        };
        await using var host = await TestHost.StartAsync(module);

        var response = await host.Client.GetAsync("/x?a=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Single(host.Log.Entries, entry => entry.Exception is InvalidOperationException);
        Assert.Contains("await ReadBodyAsync()", failure.Exception!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("Get")]
    [InlineData("head")]
    public async Task MethodNames_AreCaseSensitive_SoALowercaseGetIsNotAGet(string method)
    {
        using var dir = new TempDirectory();
        dir.File("file.txt", "content");
        var endpoints = new TestModule(new() { ["hello"] = new() }, map => map.Get("hello", c => new(c.RenderAsync("hello", "text/plain"))));
        await using var host = await TestHost.StartAsync(endpoints, new StaticFiles(new() { Root = dir.Path }));

        var file = await host.RawAsync(method, "/file.txt");
        var endpoint = await host.RawAsync(method, "/hello");

        Assert.Equal(405, file.Status);
        Assert.Equal("GET, HEAD", file.Header("Allow"));
        Assert.DoesNotContain("content", file.Text, StringComparison.Ordinal);
        Assert.Equal(405, endpoint.Status);
        Assert.Equal("GET, HEAD", endpoint.Header("Allow"));
    }

    [Fact]
    public async Task AHandlerWritingTheResponseItself_StillGetsTheModulesHeaders_Once()
    {
        var writer = new TestModule(new() { ["raw"] = new() }, map => map.Get("raw", async c =>
        {
            c.Response.StatusCode = StatusCodes.Status202Accepted;
            await c.Response.WriteAsync("written directly");
        }));
        await using var host = await TestHost.StartAsync(writer, new CustomHeaders(new() { Headers = ["X-Lab: on"] }), new Cors());

        var response = await host.Client.GetAsync("/raw");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("written directly", await response.Content.ReadAsStringAsync());
        Assert.Equal(["on"], response.Headers.GetValues("X-Lab"));
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }
}
