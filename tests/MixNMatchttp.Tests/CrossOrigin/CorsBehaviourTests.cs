using MixNMatchttp.CrossOrigin;

namespace MixNMatchttp.Tests.CrossOrigin;

public sealed class CorsBehaviourTests
{
    private const string WithOrigin = $"Origin: {CorsHost.Origin}\r\n";

    [Fact]
    public async Task OriginOverride_Literal_IsSentAsGiven_WithoutVary()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.Echo });
        var response = await host.RawAsync("GET", "/data?origin=http%3A%2F%2Fother.test", WithOrigin);
        Assert.Equal(200, response.Status);
        Assert.Equal("http://other.test", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Vary"));
    }

    [Fact]
    public async Task OriginOverride_Echo_EchoesTheRequestOrigin_WithVary()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions());
        var response = await host.RawAsync("GET", "/data?origin=%7BECHO%7D", WithOrigin);
        Assert.Equal(CorsHost.Origin, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal(["Origin"], response.HeaderValues("Vary"));
    }

    [Fact]
    public async Task OriginOverride_Empty_SendsNoAllowOrigin()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions());
        var response = await host.RawAsync("GET", "/data?origin=", WithOrigin);
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Equal(CorsHost.DefaultAllowMethods, response.Header("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData(false, "/data?creds=1", "true")]
    [InlineData(true, "/data?creds=0", null)]
    [InlineData(true, "/data", "true")]
    [InlineData(false, "/data", null)]
    public async Task CredentialsOverride_TurnsCredentialsOnOrOff_ForThatRequestOnly(bool configured, string target, string? expected)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowCredentials = configured });
        var response = await host.RawAsync("GET", target, WithOrigin);
        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task BothOverrides_Together_BuildTheEchoWithCredentialsCell()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions());
        var response = await host.RawAsync("POST", "/data?origin=%7BECHO%7D&creds=1", WithOrigin + "Content-Type: application/x-www-form-urlencoded\r\n", "a=1");
        Assert.Equal(CorsHost.Origin, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("true", response.Header("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("/data?creds=yes", "creds")]
    [InlineData("/data?creds", "creds")]
    [InlineData("/data?creds=1&creds=0", "creds")]
    [InlineData("/data?origin=a&origin=b", "origin")]
    [InlineData("/data?origin=http://a.test%0d%0aSet-Cookie:%20x=1", "origin")]
    public async Task BadOverride_Gets400NamingTheParameter_AndNeverReachesTheHeaders(string target, string parameter)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions());
        var response = await host.RawAsync("GET", target, WithOrigin);
        Assert.Equal(400, response.Status);
        Assert.StartsWith($"Bad Request: the {parameter} parameter", response.Text, StringComparison.Ordinal);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Set-Cookie"));
    }

    [Fact]
    public async Task OverridesDisabled_TheQueryIsIgnored()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowRequestOverrides = false });
        var response = await host.RawAsync("GET", "/data?origin=%7BECHO%7D&creds=maybe", WithOrigin);
        Assert.Equal(200, response.Status);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Allow-Credentials"));
        Assert.Null(response.Header("Vary"));
    }

    [Fact]
    public async Task ListMode_ListedOrigin_IsEchoed_WithVary()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://good.test", CorsHost.Origin], AllowCredentials = true });
        var response = await host.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal(CorsHost.Origin, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("true", response.Header("Access-Control-Allow-Credentials"));
        Assert.Equal(["Origin"], response.HeaderValues("Vary"));
    }

    [Theory]
    [InlineData("Origin: http://good.test.evil.test\r\n")]
    [InlineData("Origin: http://good.test:8080\r\n")]
    [InlineData("Origin: null\r\n")]
    [InlineData(null)]
    public async Task ListMode_UnlistedOrMissingOrigin_GetsNoAllowOrigin_ButStillVary(string? origin)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://good.test"] });
        var response = await host.RawAsync("GET", "/data", origin);
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Equal(["Origin"], response.HeaderValues("Vary"));
        Assert.Equal(CorsHost.DefaultAllowHeaders, response.Header("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task ListMode_ComparesOriginsWithoutRegardToCase()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://Good.Test"] });
        var response = await host.RawAsync("GET", "/data", "Origin: http://good.test\r\n");
        Assert.Equal("http://good.test", response.Header("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("Origin: null\r\n", "null")]
    [InlineData(null, "*")]
    public async Task EchoMode_EchoesTheNullOrigin_AndSendsStarWithoutAnOrigin(string? origin, string expected)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true });
        var response = await host.RawAsync("GET", "/data", origin);
        Assert.Equal(expected, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal(["Origin"], response.HeaderValues("Vary"));
    }

    [Fact]
    public async Task Vary_IsAddedToTheHandlersVary_AndNotRepeated()
    {
        await using var host = await CorsHost.StartAsync(
            new CorsOptions { AllowOrigin = CorsOrigin.Echo },
            handlers: map => map
                .Get("data", c =>
                {
                    c.SaveHeader("Vary", "Accept-Encoding");
                    return new(c.RenderAsync("data", "text/plain"));
                })
                .Post("data", c =>
                {
                    c.SaveHeader("Vary", "origin");
                    return new(c.RenderAsync("data", "text/plain"));
                }));
        var get = await host.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal(["Accept-Encoding", "Origin"], get.HeaderValues("Vary"));
        var post = await host.RawAsync("POST", "/data", WithOrigin, string.Empty);
        Assert.Equal(["origin"], post.HeaderValues("Vary"));
    }

    [Fact]
    public async Task HeaderTheHandlerSaved_IsLeftAsItIs()
    {
        await using var host = await CorsHost.StartAsync(
            new CorsOptions { AllowOrigin = CorsOrigin.Echo },
            handlers: map => map.Get("data", c =>
            {
                c.SaveHeader("Access-Control-Allow-Origin", "http://chosen.test");
                return new(c.RenderAsync("data", "text/plain"));
            }));
        var response = await host.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal(["http://chosen.test"], response.HeaderValues("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("GET", "/missing", 404)]
    [InlineData("DELETE", "/data", 405)]
    [InlineData("GET", "/data/extra", 400)]
    public async Task ErrorResponses_CarryTheCorsHeadersToo(string method, string target, int status)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true });
        var response = await host.RawAsync(method, target, WithOrigin);
        Assert.Equal(status, response.Status);
        Assert.Equal(CorsHost.Origin, response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("true", response.Header("Access-Control-Allow-Credentials"));
        Assert.Equal(CorsHost.DefaultAllowHeaders, response.Header("Access-Control-Allow-Headers"));
        Assert.Equal(CorsHost.DefaultAllowMethods, response.Header("Access-Control-Allow-Methods"));
        Assert.Equal(["Origin"], response.HeaderValues("Vary"));
    }

    [Fact]
    public async Task Preflight_ToAStaticFilePath_ListsTheMethodsFilesAllow()
    {
        using var dir = new TempDirectory();
        dir.File("page.html", "<p>hi</p>");
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true }, dir.Path);
        var preflight = await host.RawAsync("OPTIONS", "/page.html", WithOrigin + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: X-Custom\r\n");
        Assert.Equal(204, preflight.Status);
        Assert.Equal("GET, HEAD, OPTIONS", preflight.Header("Allow"));
        Assert.Equal("GET, HEAD, OPTIONS", preflight.Header("Access-Control-Allow-Methods"));
        Assert.Equal(CorsHost.Origin, preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("true", preflight.Header("Access-Control-Allow-Credentials"));
        var file = await host.RawAsync("GET", "/page.html", WithOrigin);
        Assert.Equal("<p>hi</p>", file.Text);
        Assert.Equal(CorsHost.Origin, file.Header("Access-Control-Allow-Origin"));
        Assert.Equal(CorsHost.DefaultAllowMethods, file.Header("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Preflight_ToAnEndpointWithItsOwnOptionsHandler_StillListsTheEndpointsMethods()
    {
        await using var host = await CorsHost.StartAsync(
            new CorsOptions(),
            handlers: map => map.Options("data", c => new(c.RenderAsync("custom", "text/plain"))));
        var response = await host.RawAsync("OPTIONS", "/data", WithOrigin + "Access-Control-Request-Method: PUT\r\n");
        Assert.Equal("custom", response.Text);
        Assert.Equal("GET, HEAD, POST, PUT", response.Header("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task ConfiguredLists_ExposeHeaders_AndMaxAge_AreSentAsConfigured()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions
        {
            AllowedHeaders = ["X-Custom", "Content-Type"],
            AllowedMethods = ["GET", "PUT"],
            ExposedHeaders = ["X-Secret", "ETag"],
            MaxAge = TimeSpan.FromMinutes(10),
        });
        var response = await host.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal("X-Custom, Content-Type", response.Header("Access-Control-Allow-Headers"));
        Assert.Equal("GET, PUT", response.Header("Access-Control-Allow-Methods"));
        Assert.Equal("X-Secret, ETag", response.Header("Access-Control-Expose-Headers"));
        Assert.Equal("600", response.Header("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task EmptyLists_SendNoHeader()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowedHeaders = [], AllowedMethods = [] });
        var response = await host.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Allow-Headers"));
        Assert.Null(response.Header("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task TwoServers_WithDifferentCorsOptions_ShareNothing()
    {
        await using var echo = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true });
        await using var star = await CorsHost.StartAsync(new CorsOptions());
        Assert.Equal(CorsHost.Origin, (await echo.RawAsync("GET", "/data", WithOrigin)).Header("Access-Control-Allow-Origin"));
        var fromStar = await star.RawAsync("GET", "/data", WithOrigin);
        Assert.Equal("*", fromStar.Header("Access-Control-Allow-Origin"));
        Assert.Null(fromStar.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AnEmptyOriginList_AllowsNoOrigin_ButAPerRequestOverrideStillDoes()
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions().SetOrigins([]));
        Assert.Null((await host.RawAsync("GET", "/data", WithOrigin)).Header("Access-Control-Allow-Origin"));
        Assert.Equal(CorsHost.Origin, (await host.RawAsync("GET", "/data?origin=%7BECHO%7D", WithOrigin)).Header("Access-Control-Allow-Origin"));
    }

    public static TheoryData<CorsOptions, string> InvalidOptions() => new()
    {
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://a.test/"] }, "'http://a.test/' is not an origin" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["a.test"] }, "'a.test' is not an origin" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["*"] }, "'*' is not an origin: for any origin set AllowOrigin = CorsOrigin.Any" },
        { new CorsOptions().SetOrigins(["http://a.test", "*"]), "'*' is not an origin" },
        { new CorsOptions().SetOrigins(["{ECHO}", "http://a.test"]), "for any origin set AllowOrigin = CorsOrigin.Echo" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://*.a.test"] }, "is not an origin" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://a.test, http://b.test"] }, "is not an origin" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["https://a.test:443"] }, "default port" },
        { new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["http://a.test:70000"] }, "above 65535" },
        { new CorsOptions { Origins = ["http://a.test"] }, "only used when AllowOrigin is List" },
        { new CorsOptions { AllowOrigin = (CorsOrigin)42 }, "must be Any, Echo or List" },
        { new CorsOptions { AllowedHeaders = ["X Custom"] }, "AllowedHeaders: 'X Custom' is not a header name" },
        { new CorsOptions { AllowedHeaders = [""] }, "AllowedHeaders: '' is not a header name" },
        { new CorsOptions { AllowedMethods = ["GET\r\nX: y"] }, @"AllowedMethods: 'GET\x0d\x0aX: y' is not a method" },
        { new CorsOptions { ExposedHeaders = ["X-Ok", "Bad:Name"] }, "ExposedHeaders: 'Bad:Name'" },
        { new CorsOptions { MaxAge = TimeSpan.FromSeconds(-1) }, "MaxAge cannot be negative" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOptions_AreAStartupErrorNamingTheProblem(CorsOptions options, string message)
    {
        var error = Assert.Throws<MixConfigurationException>(() => CorsHost.Build(options));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void SetOrigins_ReadsTheSeedsOriginList()
    {
        var any = new CorsOptions().SetOrigins(["*"]);
        Assert.Equal(CorsOrigin.Any, any.AllowOrigin);
        Assert.Empty(any.Origins);
        Assert.Equal(CorsOrigin.Echo, new CorsOptions().SetOrigins(["{ECHO}"]).AllowOrigin);
        var list = new CorsOptions().SetOrigins(["http://a.test", "http://b.test"]);
        Assert.Equal(CorsOrigin.List, list.AllowOrigin);
        Assert.Equal(["http://a.test", "http://b.test"], list.Origins);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://a.b-c.test")]
    [InlineData("http://[::1]:3000")]
    [InlineData("chrome-extension://abcdef")]
    public async Task ListedOrigin_IsAllowedWhenItAsks_AndNoOtherOrigin(string origin)
    {
        await using var host = await CorsHost.StartAsync(new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = [origin] });

        var listed = await host.RawAsync("GET", "/data", $"Origin: {origin}\r\n");
        var other = await host.RawAsync("GET", "/data", WithOrigin);

        Assert.Equal(origin, listed.Header("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", listed.Header("Vary"));
        Assert.Null(other.Header("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", other.Header("Vary"));
    }
}
