namespace MixNMatchttp.Tests.Demo;

/// <summary>
/// Every bullet of the seed README's list of example requests (normative: docs/behaviour.md), sent byte-for-byte over a
/// loopback socket to the demo server. Where docs/behaviour.md and the seed README disagree, the contract wins and the test
/// name says what the README claimed. Root is the handler's path with a leading '/'; Sub is the rest of the
/// endpoint's handler path; Args is what follows the endpoint's path; Params holds variable segment values.
/// </summary>
public sealed class SeedReadmeExampleTests(DemoServerFixture demo) : IClassFixture<DemoServerFixture>
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>The original's <c>simpletxt</c> page type, <c>text/html</c>; the charset is ours (see DemoModuleBehaviourTests).</summary>
    private const string TextHtml = "text/html; charset=utf-8";

    private TestHost Host => demo.Host;

    [Fact]
    public async Task DebugSubWithDotSegments_CallsDebugHandlerWithUntouchedRawArgs_SeedReadmeSaidRootWithoutSlash()
    {
        var response = await Host.GetRawAsync("/debug/sub/..//foo/../bar/./baz");

        Assert.Equal(200, response.Status);
        Assert.Equal(TextHtml, response.Header("Content-Type"));
        Assert.Equal("You called endpoint /debug, sub = sub, args = ..//foo/../bar/./baz, params = {}", response.Text);
        Assert.Equal("Foo", response.Header("X-Debug"));
    }

    [Fact]
    public async Task DebugFooDotDotBar_CanonicalizesToTheVariableChildWithParamBarAndNoArgs_SeedReadmeOmittedTheWildcardChild()
    {
        var response = await Host.GetRawAsync("/debug/foo/../bar");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = , args = , params = {'debug': 'bar'}", response.Text);
        Assert.Equal("Foo", response.Header("X-Debug"));
    }

    [Fact]
    public async Task DebugDotDotBar_IsNotAnEndpointAndFallsThroughToFiles_404()
    {
        var response = await Host.GetRawAsync("/debug/../bar");

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("You called endpoint", response.Text, StringComparison.Ordinal);
        Assert.Null(response.Header("X-Debug"));
    }

    [Fact]
    public async Task PostFoobar_IsMethodNotAllowed_405WithAllowGetHead()
    {
        var response = await Host.RawAsync("POST", "/foobar", body: string.Empty);

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
        Assert.DoesNotContain("You called endpoint", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugDotDotFoobar_CallsTheDefaultHandlerWithEmptyRootAndSubFoobar()
    {
        var response = await Host.GetRawAsync("/debug/../foobar");

        Assert.Equal(200, response.Status);
        Assert.Equal(TextHtml, response.Header("Content-Type"));
        Assert.Equal("This is do_default. You called endpoint , sub = foobar, args = , params = {}", response.Text);
        Assert.Null(response.Header("X-Debug"));
    }

    [Fact]
    public async Task DebugFooBar_HasExtraArguments_400()
    {
        var response = await Host.GetRawAsync("/debug/foo/bar");

        Assert.Equal(400, response.Status);
        Assert.Contains("extra arguments", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("You called endpoint", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DebugBlaDebugFoo_CallsDebugHandlerWithSubDebugAndBothParams_SeedReadmeSaidRootWithoutSlash()
    {
        var response = await Host.GetRawAsync("/debug/bla/debug/foo");

        Assert.Equal(200, response.Status);
        Assert.Equal("You called endpoint /debug, sub = debug, args = , params = {'debug': 'bla', 'debug2': 'foo'}", response.Text);
        Assert.Equal("Foo", response.Header("X-Debug"));
    }

    [Theory]
    [InlineData("/parameter")]
    [InlineData("/parameter/foo")]
    public async Task ParameterWithoutItsArgument_HasMissingArguments_400(string target)
    {
        var response = await Host.GetRawAsync(target);

        Assert.Equal(400, response.Status);
        Assert.Contains("missing arguments", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterFooBar_CallsParameterHandlerWhichDisplaysFooEqualsBar()
    {
        var response = await Host.GetRawAsync("/parameter/foo/bar");

        Assert.Equal(200, response.Status);
        Assert.Equal(TextPlain, response.Header("Content-Type"));
        Assert.Equal("foo = bar", response.Text);
    }

    [Fact]
    public async Task ParameterFooSpecial_CallsParameterSpecialHandler()
    {
        var response = await Host.GetRawAsync("/parameter/foo/special");

        Assert.Equal(200, response.Status);
        Assert.Equal(TextPlain, response.Header("Content-Type"));
        Assert.Equal("A very special parameter!", response.Text);
    }

    [Fact]
    public async Task Refreshme_RendersTheOriginalPageRefreshingEvery30s()
    {
        var response = await Host.GetRawAsync("/refreshme");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"30\">", response.Text, StringComparison.Ordinal);
        Assert.Equal(
            "\n    <!DOCTYPE html>\n    <html>\n    <head>\n    <meta charset=\"UTF-8\" />\n    <meta http-equiv=\"refresh\" content=\"30\">\n"
            + "    <title>Example</title>\n    </head>\n    <body>\n    <h1>Example page, will refresh every 30s.</h1>\n    </body>\n    </html>\n            ",
            response.Text);
    }

    [Fact]
    public async Task RefreshmeFive_RendersAPageRefreshingEvery5Seconds()
    {
        var response = await Host.GetRawAsync("/refreshme/5");

        Assert.Equal(200, response.Status);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", response.Text, StringComparison.Ordinal);
        Assert.Contains("<h1>Example page, will refresh every 5s.</h1>", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("30", response.Text, StringComparison.Ordinal);
    }
}
