namespace MixNMatchttp.Tests.Demo;

/// <summary>The demo's hooks beyond the README's list: denial of /forbidden, custom and no-cache headers,
/// the POST handler, case-insensitive endpoints and the bounds of the example endpoints.</summary>
public sealed class DemoModuleBehaviourTests(DemoServerFixture demo) : IClassFixture<DemoServerFixture>
{
    private TestHost Host => demo.Host;

    [Theory]
    [InlineData("GET", "/forbidden")]
    [InlineData("GET", "/forbidden/")]
    [InlineData("GET", "/forbidden/x")]
    [InlineData("GET", "/x/../forbidden/y")]
    [InlineData("GET", "//forbidden")]
    [InlineData("POST", "/forbidden")]
    public async Task ForbiddenPath_IsDenied_403AccessDenied(string method, string target)
    {
        var response = await Host.RawAsync(method, target, body: method == "POST" ? string.Empty : null);

        Assert.Equal(403, response.Status);
        Assert.Contains("Access denied", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/forbiddenx")]
    [InlineData("/x/forbidden")]
    [InlineData("/forbidden/../script.js")]
    public async Task PathThatOnlyLooksForbidden_IsNotDenied(string target)
    {
        var response = await Host.GetRawAsync(target);

        Assert.NotEqual(403, response.Status);
        Assert.DoesNotContain("Access denied", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/debug", 200)]
    [InlineData("GET", "/", 403)]
    [InlineData("GET", "/script.js", 200)]
    [InlineData("GET", "/no-such-file.txt", 404)]
    [InlineData("POST", "/foobar", 405)]
    [InlineData("GET", "/debug/foo/bar", 400)]
    [InlineData("GET", "/forbidden", 403)]
    [InlineData("OPTIONS", "/debug", 204)]
    [InlineData("HEAD", "/refreshme", 200)]
    public async Task EveryResponse_CarriesXFooFoobar(string method, string target, int status)
    {
        var response = await Host.RawAsync(method, target, body: method == "POST" ? string.Empty : null);

        Assert.Equal(status, response.Status);
        Assert.Equal("Foobar", response.Header("X-Foo"));
    }

    [Theory]
    [InlineData("GET", "/debug", 200)]
    [InlineData("GET", "/", 403)]
    [InlineData("GET", "/no-such-file.txt", 404)]
    [InlineData("POST", "/foobar", 405)]
    [InlineData("GET", "/debug/foo/bar", 400)]
    [InlineData("GET", "/forbidden", 403)]
    [InlineData("GET", "/script.jsx", 404)]
    [InlineData("GET", "/refreshme", 200)]
    public async Task ResponseForANonScriptPath_CarriesTheNoCacheHeaders(string method, string target, int status)
    {
        var response = await Host.RawAsync(method, target, body: method == "POST" ? string.Empty : null);

        Assert.Equal(status, response.Status);
        Assert.Equal("no-cache, no-store, must-revalidate", response.Header("Cache-Control"));
        Assert.Equal("no-cache", response.Header("Pragma"));
        Assert.Equal("0", response.Header("Expires"));
    }

    [Theory]
    [InlineData("/script.js", 200)]
    [InlineData("/script.js?v=2", 200)]
    [InlineData("/missing.js", 404)]
    public async Task ResponseForAScriptPath_MayBeCached(string target, int status)
    {
        var response = await Host.GetRawAsync(target);

        Assert.Equal(status, response.Status);
        Assert.DoesNotContain("no-cache", response.Header("Cache-Control") ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(response.Header("Pragma"));
        Assert.Null(response.Header("Expires"));
        Assert.Equal("Foobar", response.Header("X-Foo"));
    }

    [Fact]
    public async Task ScriptFile_IsServedFromTheDocumentRoot()
    {
        var response = await Host.GetRawAsync("/script.js");

        Assert.Equal(200, response.Status);
        Assert.Equal(DemoServerFixture.ScriptContent, response.Text);
    }

    [Fact]
    public async Task PostDebug_CallsThePostHandler()
    {
        var response = await Host.RawAsync("POST", "/debug", body: string.Empty);

        Assert.Equal(200, response.Status);
        Assert.Equal("POST! You called endpoint /debug, sub = , args = , params = {}", response.Text);
        Assert.Equal("Foo", response.Header("X-Debug"));
    }

    [Fact]
    public async Task GetDebug_CallsTheMethodIndependentHandler()
    {
        var response = await Host.GetRawAsync("/debug");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = , args = , params = {}", response.Text);
    }

    [Fact]
    public async Task UpperCaseEndpointPath_MatchesCaseInsensitivelyWithLowerCaseRootAndParamValuesAsSent()
    {
        var response = await Host.GetRawAsync("/DEBUG/BLA/Debug/foo");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = debug, args = , params = {'debug': 'BLA', 'debug2': 'foo'}", response.Text);
        Assert.Equal("Foo", response.Header("X-Debug"));
    }

    [Fact]
    public async Task UpperCaseRawArgsEndpoint_KeepsItsRawArgs()
    {
        var response = await Host.GetRawAsync("/Debug/SUB/..//X/./y");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = sub, args = ..//X/./y, params = {}", response.Text);
    }

    [Fact]
    public async Task PostToDebugSub_IsNotAllowedBecauseMethodsAreNotInherited_405()
    {
        var response = await Host.RawAsync("POST", "/debug/sub/x", body: string.Empty);

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    [Theory]
    [InlineData("/refreshme/5/6")]
    [InlineData("/parameter/foo/bar/baz")]
    [InlineData("/parameter/foo/special/x")]
    [InlineData("/debug/bla/debug/foo/x")]
    [InlineData("/foobar/x")]
    public async Task TooManyArguments_Are400(string target)
    {
        var response = await Host.GetRawAsync(target);

        Assert.Equal(400, response.Status);
        Assert.Contains("extra arguments", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshInterval_IsHtmlEscapedIntoThePage_TheOriginalWroteItRaw()
    {
        var response = await Host.GetRawAsync("/refreshme/%22%3E%3Cscript%3E");

        Assert.Equal(200, response.Status);
        Assert.Contains("content=\"&quot;&gt;&lt;script&gt;\"", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugPageValues_AreHtmlEscapedExceptQuotes_TheOriginalWroteThemRaw()
    {
        var response = await Host.GetRawAsync("/debug/sub/%3Cb%3E&'%22");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = sub, args = &lt;b&gt;&amp;'\", params = {}", response.Text);
    }

    [Theory]
    [InlineData("/debug/it's", "{'debug': \"it's\"}")]
    [InlineData("/debug/it's%22", "{'debug': 'it\\'s\"'}")]
    [InlineData("/debug/a%5Cb", "{'debug': 'a\\\\b'}")]
    [InlineData("/debug/%C3%A9%C2%A0%E2%80%8B", "{'debug': '\u00e9\\xa0\\u200b'}")]
    public async Task Params_PrintAsPythonPrintsADict(string target, string expected)
    {
        var response = await Host.GetRawAsync(target);

        Assert.Equal(200, response.Status);
        Assert.Equal($"You called endpoint /debug, sub = , args = , params = {expected}", response.Text);
    }

    [Theory]
    [InlineData("/debug")]
    [InlineData("/foobar")]
    public async Task DebugAndDefaultPages_AreTextHtmlAsInTheOriginal_WithACharsetTheOriginalLeftOut(string target)
    {
        var response = await Host.GetRawAsync(target);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.Header("Content-Type"));
    }

    [Fact]
    public async Task DocumentRoot_IsNotListedByDefault_403AsInTheOriginal()
    {
        var response = await Host.GetRawAsync("/");

        Assert.Equal(403, response.Status);
        Assert.DoesNotContain("script.js", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentRoot_IsListedWhenListingIsOn()
    {
        using var root = new TempDirectory();
        root.File("script.js", DemoServerFixture.ScriptContent);
        await using var host = await TestHost.StartAsync(global::Demo.DemoServer.Create(new MixServerOptions(), root.Path, listing: true));

        var response = await host.GetRawAsync("/");

        Assert.Equal(200, response.Status);
        Assert.Contains("href=\"script.js\"", response.Text, StringComparison.Ordinal);
    }
}
