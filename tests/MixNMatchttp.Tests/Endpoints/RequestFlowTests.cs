using System.Net;
using System.Text;
using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Endpoints;

public sealed class RequestFlowTests
{
    private static ValueTask Text(RequestContext context, string text) => new(context.RenderAsync(text, "text/plain; charset=utf-8"));

    [Fact]
    public async Task DisallowedMethod_Gets405_WithAllowListingTheEndpointsMethods()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() { AllowedMethods = ["GET", "PUT"] } }));
        var response = await host.Client.PostAsync("/a", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "PUT"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Options_SetsAllow_AndRunsTheOptionsHandler_OrAnswers204()
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["a"] = new(), ["b"] = new() { AllowedMethods = ["POST"] } },
            map => map.Options("b", c => Text(c, "custom options"))));
        var a = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/a"));
        Assert.Equal(HttpStatusCode.NoContent, a.StatusCode);
        Assert.Equal(["GET", "HEAD"], a.Content.Headers.Allow.Order());
        var b = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/b"));
        Assert.Equal("custom options", await b.Content.ReadAsStringAsync());
        Assert.Equal(["POST"], b.Content.Headers.Allow);
    }

    [Fact]
    public async Task EndpointWithoutHandler_Answers204Empty()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }));
        var response = await host.Client.GetAsync("/a");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/one", 400, "Bad Request: missing arguments: the endpoint takes 1 argument(s), got 0\n")]
    [InlineData("/one/x", 200, "x")]
    [InlineData("/one/x/y", 400, "Bad Request: extra arguments: the endpoint takes 1 argument(s), got 2\n")]
    [InlineData("/opt", 200, "")]
    [InlineData("/opt/x", 200, "x")]
    [InlineData("/opt/x/y", 400, "Bad Request: extra arguments: the endpoint takes 0 to 1 argument(s), got 2\n")]
    [InlineData("/req", 400, "Bad Request: missing arguments: the endpoint takes at least 1 argument(s), got 0\n")]
    [InlineData("/req/x/y/z", 200, "x/y/z")]
    [InlineData("/any/x/y/z", 200, "x/y/z")]
    [InlineData("/one/x/../y", 200, "y")]
    public async Task NArgs_AreEnforced_AfterCanonicalization(string path, int status, string text)
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["one"] = new() { NArgs = 1 }, ["opt"] = new() { NArgs = NArgs.Optional }, ["req"] = new() { NArgs = NArgs.Required }, ["any"] = new() { NArgs = NArgs.Any } },
            map => map.Default(c => Text(c, c.Endpoint.Args))));
        var response = await host.GetRawAsync(path);
        Assert.Equal(status, response.Status);
        Assert.Equal(text, response.Text);
        Assert.Equal("text/plain; charset=utf-8", response.Header("Content-Type"));
    }

    [Fact]
    public async Task RequiredParams_Missing_Get400NamingThem()
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["login"] = new() { AllowedMethods = ["POST"], RequiredParams = ["username", "password"] } },
            map => map.Post("login", c => Text(c, "ok"))));
        var missing = await host.Client.PostAsync("/login?username=a", null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Bad Request: missing required parameter(s): password\n", await missing.Content.ReadAsStringAsync());
        var ok = await host.Client.PostAsync("/login?username=a", new FormUrlEncodedContent([new("password", "p")]));
        Assert.Equal("ok", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DisabledEndpoint_FallsThroughToFiles()
    {
        using var dir = new TempDirectory();
        dir.File("off", "a file called off");
        await using var host = await TestHost.StartAsync(
            new TestModule(new() { ["off"] = new() { Disabled = true, ["on"] = new() } }, map => map.Any("off", c => Text(c, "endpoint"))),
            new StaticFiles(new() { Root = dir.Path }));
        Assert.Equal("a file called off", await host.Client.GetStringAsync("/off"));
        Assert.Equal("endpoint", await host.Client.GetStringAsync("/off/on"));
    }

    [Fact]
    public async Task EnabledRoot_IsAnEndpoint()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { Disabled = false }, map => map.Default(c => Text(c, $"root sub='{c.Endpoint.Sub}'"))));
        Assert.Equal("root sub=''", await host.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task NotAnEndpoint_WithoutFiles_Gets404_ForGet_And405_ForOtherMethods()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/b")).StatusCode);
        var post = await host.Client.PostAsync("/b", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task DoubleSlashLogin_MatchesTheLoginEndpoint()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["login"] = new() }, map => map.Get("login", c => Text(c, "login"))));
        Assert.Equal("login", (await host.GetRawAsync("//login")).Text);
        Assert.Equal("login", (await host.GetRawAsync("/x/..//login/.")).Text);
    }

    [Fact]
    public async Task EndpointPrefix_MountsTheTree_OnlyAtASlashBoundary()
    {
        using var dir = new TempDirectory();
        dir.File("apiany", "file");
        await using var host = await TestHost.StartAsync(
            new MixServerOptions { EndpointPrefix = "/api" },
            new TestModule(new() { ["ping"] = new() }, map => map.Get("ping", c => Text(c, "pong"))),
            new StaticFiles(new() { Root = dir.Path }));
        Assert.Equal("pong", await host.Client.GetStringAsync("/api/ping"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/ping")).StatusCode);
        Assert.Equal("file", await host.Client.GetStringAsync("/apiany"));
    }

    [Fact]
    public async Task PathPrefix_IsRemovedBeforeEverything_AndOtherPathsGet404()
    {
        using var dir = new TempDirectory();
        dir.File("f.txt", "file");
        await using var host = await TestHost.StartAsync(
            new MixServerOptions { PathPrefix = "/app" },
            new TestModule(new() { ["ping"] = new() }, map => map.Get("ping", c => Text(c, c.Path))),
            new StaticFiles(new() { Root = dir.Path }));
        Assert.Equal("/ping", await host.Client.GetStringAsync("/app/ping"));
        Assert.Equal("file", await host.Client.GetStringAsync("/app/f.txt"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/f.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/application/f.txt")).StatusCode);
    }

    [Fact]
    public async Task HandlerException_Gets500WithoutStackTrace_IsLoggedWithTheRequestLine_AndTheServerKeepsServing()
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["boom"] = new(), ["ok"] = new() },
            map => map.Get("boom", _ => throw new InvalidOperationException("secret detail")).Get("ok", c => Text(c, "fine"))));
        var response = await host.GetRawAsync("/boom?x=1");
        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error\n", response.Text);
        Assert.DoesNotContain("secret detail", response.Raw, StringComparison.Ordinal);
        Assert.Contains(host.Log.Entries, e => e.Exception is InvalidOperationException && e.Message.Contains("GET /boom?x=1", StringComparison.Ordinal));
        Assert.Equal("fine", await host.Client.GetStringAsync("/ok"));
    }

    [Fact]
    public async Task HandlerException_500_CarriesTheModulesHeaders_ButNotTheHandlersSavedOnes()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["boom"] = new() }, map => map.Get("boom", c =>
        {
            c.SaveHeader("Set-Cookie", "half=done");
            throw new InvalidOperationException("failed");
        }))
        {
            Headers = (_, headers) => headers["Access-Control-Allow-Origin"] = "*",
        });
        var response = await host.GetRawAsync("/boom");
        Assert.Equal(500, response.Status);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Set-Cookie"));
        Assert.Equal("Internal Server Error\n", response.Text);
    }

    [Fact]
    public async Task FailingHeaderHook_StillGetsA500()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }, map => map.Get("a", c => Text(c, "x")))
        {
            Headers = (_, _) => throw new InvalidOperationException("hook failed"),
        });
        var response = await host.GetRawAsync("/a");
        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error\n", response.Text);
        Assert.Contains(host.Log.Entries, e => e.Exception?.Message == "hook failed");
    }

    [Fact]
    public async Task HandlerThatDoesNotRespond_Gets204WithTheModuleHeaders()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["quiet"] = new() }, map => map.Get("quiet", _ => default))
        {
            Headers = (_, headers) => headers["X-Module"] = "yes",
        });
        var response = await host.Client.GetAsync("/quiet");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Module").Single());
    }

    [Fact]
    public async Task SavedHeaders_AreRepeatable_AndComeWithModuleAndNoCacheHeaders()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }, map => map.Get("a", c =>
        {
            c.SaveHeader("Set-Cookie", "a=1");
            c.SaveHeader("Set-Cookie", "b=2");
            return Text(c, "x");
        }))
        {
            Headers = (_, headers) => headers["X-Foo"] = "Foobar",
            NoCacheWhen = c => c.Path == "/a",
        });
        var response = await host.GetRawAsync("/a");
        Assert.Equal(["a=1", "b=2"], response.HeaderValues("Set-Cookie"));
        Assert.Equal("Foobar", response.Header("X-Foo"));
        Assert.Equal("no-cache, no-store, must-revalidate", response.Header("Cache-Control"));
        Assert.Equal("no-cache", response.Header("Pragma"));
        Assert.Equal("0", response.Header("Expires"));
    }

    [Fact]
    public async Task NoCacheHeaders_AreAbsent_WhenNoModuleAsks()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }, map => map.Get("a", c => Text(c, "x"))));
        var response = await host.GetRawAsync("/a");
        Assert.Null(response.Header("Cache-Control"));
        Assert.Null(response.Header("Pragma"));
    }

    [Fact]
    public async Task FirstDenial_IsSent_AndLaterModulesAreNotAsked()
    {
        var asked = 0;
        await using var host = await TestHost.StartAsync(
            new TestModule(new() { ["a"] = new() }) { Deny = c => new(c.Path == "/a" ? new Denial(401, "Unauthorized", "log in first") : null) },
            new TestModule(new()) { Deny = _ => { Interlocked.Increment(ref asked); return new(new Denial(403)); } });
        var response = await host.GetRawAsync("/a");
        Assert.Equal(401, response.Status);
        Assert.Equal("Unauthorized: log in first\n", response.Text);
        Assert.Equal(0, asked);
        Assert.Equal(403, (await host.GetRawAsync("/b")).Status);
        Assert.Equal(1, asked);
    }

    [Fact]
    public async Task ComposedModules_MergeEndpointsAndHandlers_FirstOneWins()
    {
        await using var host = await TestHost.StartAsync(
            new TestModule(new() { ["a"] = new() { NArgs = 1 } }, map => map.Get("a", c => Text(c, "first"))),
            new TestModule(new() { ["a"] = new() { NArgs = 0, ["b"] = new() }, ["c"] = new() }, map => map.Get("a", c => Text(c, "second")).Get("c", c => Text(c, "c"))));
        Assert.Equal("first", await host.Client.GetStringAsync("/a/x"));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/a")).StatusCode);
        Assert.Equal("first", await host.Client.GetStringAsync("/a/b"));
        Assert.Equal("c", await host.Client.GetStringAsync("/c"));
    }

    [Fact]
    public async Task ParsedEndpoint_ExposesAttributes()
    {
        await using var host = await TestHost.StartAsync(new TestModule(
            new() { ["a"] = new() { AllowedMethods = ["POST"], NArgs = NArgs.Any } },
            map => map.Post("a", c => Text(c, $"{string.Join(",", c.Endpoint.Attributes.AllowedMethods)} {c.Endpoint.Attributes.NArgs} {c.Endpoint.ArgsLen}"))));
        var response = await host.Client.PostAsync("/a/x/y", null);
        Assert.Equal("POST * 2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoServersInOneProcess_ShareNothing()
    {
        var counterA = 0;
        await using var a = await TestHost.StartAsync(new TestModule(new() { ["n"] = new() }, map => map.Get("n", c => Text(c, $"a{Interlocked.Increment(ref counterA)}"))));
        await using var b = await TestHost.StartAsync(new TestModule(new() { ["m"] = new() }));
        Assert.Equal("a1", await a.Client.GetStringAsync("/n"));
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync("/n")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync("/m")).StatusCode);
    }

    [Fact]
    public async Task KeptAliveConnection_ServesEveryRequest()
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() { NArgs = 1 } }, map => map.Get("a", c => Text(c, c.Endpoint.Args))));
        var request = new StringBuilder();
        for (var i = 0; i < 5; i++)
        {
            request.Append($"GET /a/{i} HTTP/1.1\r\nHost: x\r\n\r\n");
        }

        request.Append("GET /a/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        var response = await RawHttp.SendAsync(host.Port, request.ToString());
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(response.Raw, "HTTP/1.1 200 OK"));
        Assert.EndsWith("last", response.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET http://127.0.0.1/a HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")]
    [InlineData("GET /a HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")]
    [InlineData("GET /a%0d%0aX:%20y HTTP/1.1\r\nHost: x\r\n\r\n")]
    public async Task MalformedOrUnsupportedRequests_GetAClear400(string request)
    {
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["a"] = new() }));
        var response = await RawHttp.SendAsync(host.Port, request.Replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n", StringComparison.Ordinal));
        Assert.Equal(400, response.Status);
    }
}
