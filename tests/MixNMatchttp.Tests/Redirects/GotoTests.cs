using MixNMatchttp.Redirects;

namespace MixNMatchttp.Tests.Redirects;

public sealed class GotoTests
{
    private static Task<TestHost> StartAsync() => TestHost.StartAsync(new GotoRedirect());

    private static async Task AssertRedirectAsync(TestHost host, string target, string? headers, string location, string method = "GET")
    {
        var response = await host.RawAsync(method, target, headers);
        Assert.Equal(307, response.Status);
        Assert.Equal(location, response.Header("Location"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Referer_DirectoryRelativeAddress_ResolvesAgainstTheReferringPagesDirectory()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/next/page.html", "Referer: https://ref.example:8443/dir/sub/page.html?q=1#top\r\n", "https://ref.example:8443/dir/sub/next/page.html");
    }

    [Fact]
    public async Task Referer_RootRelativeAddress_ResolvesAgainstTheHostsRoot()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto//x/y", "Referer: https://ref.example/dir/page.html\r\n", "https://ref.example/x/y");
        await AssertRedirectAsync(host, "/goto/%2Fx", "Referer: https://ref.example/dir/page.html\r\n", "https://ref.example/dir/%2Fx");
    }

    [Fact]
    public async Task Referer_WithoutAPath_HasTheRootAsItsDirectory()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", "Referer: http://ref.example\r\n", "http://ref.example/x");
        await AssertRedirectAsync(host, "/goto/x", "Referer: http://ref.example/dir/\r\n", "http://ref.example/dir/x");
        await AssertRedirectAsync(host, "/goto/x", "Referer: //ref.example/dir/page\r\n", "//ref.example/dir/x");
    }

    [Fact]
    public async Task Origin_GivesTheHost_WithTheRootAsDirectory()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x/y", "Origin: https://origin.example:8443\r\n", "https://origin.example:8443/x/y");
        await AssertRedirectAsync(host, "/goto//x/y", "Origin: https://origin.example:8443\r\n", "https://origin.example:8443/x/y");
    }

    [Fact]
    public async Task XForwardedHost_WithXForwardedProto_UsesThatScheme()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", "X-Forwarded-Host: fwd.example:8080\r\nX-Forwarded-Proto: https\r\n", "https://fwd.example:8080/x");
    }

    [Fact]
    public async Task XForwardedHost_WithoutXForwardedProto_UsesHttp_AndTheFirstListedHost()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", "X-Forwarded-Host: fwd.example, proxy.example\r\n", "http://fwd.example/x");
    }

    [Theory]
    [InlineData("203.0.113.7", "http://203.0.113.7/x")]
    [InlineData("203.0.113.7, 10.0.0.1", "http://203.0.113.7/x")]
    [InlineData("2001:db8::7", "http://[2001:db8::7]/x")]
    [InlineData("[2001:db8::7]", "http://[2001:db8::7]/x")]
    public async Task XForwardedFor_GivesTheHost_IPv6InBrackets(string forwardedFor, string location)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", $"X-Forwarded-For: {forwardedFor}\r\n", location);
        await AssertRedirectAsync(host, "/goto/x", $"X-Forwarded-For: {forwardedFor}\r\nX-Forwarded-Proto: https\r\n", location.Replace("http:", "https:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("host=fwd.example", "http://fwd.example/x")]
    [InlineData("for=192.0.2.60;proto=https;host=fwd.example", "https://fwd.example/x")]
    [InlineData("for=192.0.2.60", "http://192.0.2.60/x")]
    [InlineData("for=192.0.2.60;proto=https", "https://192.0.2.60/x")]
    [InlineData("for=\"[2001:db8:cafe::17]:4711\"", "http://[2001:db8:cafe::17]:4711/x")]
    [InlineData("For=\"2001:db8::1\"", "http://[2001:db8::1]/x")]
    [InlineData("for=unknown, for=198.51.100.17", "http://198.51.100.17/x")]
    [InlineData("for=_hidden;proto=https, host=next.example", "http://next.example/x")]
    public async Task Forwarded_HostThenFor_WithProto(string forwarded, string location)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", $"Forwarded: {forwarded}\r\n", location);
    }

    [Theory]
    [InlineData("Referer: http://referer.example/a/\r\nOrigin: http://origin.example\r\nX-Forwarded-Host: xfh.example\r\nX-Forwarded-For: 192.0.2.1\r\nForwarded: host=fwd.example\r\n", "http://referer.example/a/x")]
    [InlineData("Origin: http://origin.example\r\nX-Forwarded-Host: xfh.example\r\nX-Forwarded-For: 192.0.2.1\r\nForwarded: host=fwd.example\r\n", "http://origin.example/x")]
    [InlineData("X-Forwarded-Host: xfh.example\r\nX-Forwarded-For: 192.0.2.1\r\nForwarded: host=fwd.example\r\n", "http://xfh.example/x")]
    [InlineData("X-Forwarded-For: 192.0.2.1\r\nForwarded: host=fwd.example\r\n", "http://192.0.2.1/x")]
    [InlineData("Referer: not a url\r\nOrigin: null\r\nForwarded: host=fwd.example\r\n", "http://fwd.example/x")]
    public async Task Headers_AreTriedInOrder_SkippingUnusableOnes(string headers, string location)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/x", headers, location);
    }

    [Theory]
    [InlineData("/goto/https://h.example/x?y=1", "https://h.example/x?y=1")]
    [InlineData("/goto/HTTP://h.example", "HTTP://h.example")]
    [InlineData("/goto///h.example/..//x", "//h.example/..//x")]
    [InlineData("/goto/mailto:someone@example.com", "mailto:someone@example.com")]
    public async Task AbsoluteAddress_IsSentAsItIs_WhateverTheHeaders(string target, string location)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, target, "Referer: http://ref.example/dir/page\r\n", location);
        await AssertRedirectAsync(host, target, null, location);
    }

    [Fact]
    public async Task SeedReadmeExample_IsNeitherParsedNorCanonicalized()
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto///foo.baz/../..//cache", null, "//foo.baz/../..//cache");
    }

    [Theory]
    [InlineData("/goto/%2e%2e/x", "http://ref.example/dir/%2e%2e/x")]
    [InlineData("/goto/../x/./y", "http://ref.example/dir/../x/./y")]
    [InlineData("/goto/a%20b/%2F%3F%23/c%C3%A9", "http://ref.example/dir/a%20b/%2F%3F%23/c%C3%A9")]
    [InlineData("/goto/%252e", "http://ref.example/dir/%252e")]
    [InlineData("/goto/x?a=1&b=%20#frag", "http://ref.example/dir/x?a=1&b=%20#frag")]
    [InlineData("/goto/?only=query", "http://ref.example/dir/?only=query")]
    public async Task Address_IsTheRawTarget_NotDecoded_QueryIncluded(string target, string location)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, target, "Referer: http://ref.example/dir/page\r\n", location);
    }

    [Theory]
    [InlineData("/x/../goto/a/../b")]
    [InlineData("//goto/a/../b")]
    [InlineData("/GoTo/a/../b")]
    [InlineData("/g%6Fto/a/../b")]
    [InlineData("/goto%2Fa/../b")]
    public async Task PathBeforeTheAddress_IsResolved_ButTheAddressIsNot(string target)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, target, "Origin: http://o.example\r\n", "http://o.example/a/../b");
    }

    [Fact]
    public async Task EndpointPrefix_AndPathPrefix_AreNotPartOfTheAddress()
    {
        await using var host = await TestHost.StartAsync(new MixServerOptions { PathPrefix = "/app", EndpointPrefix = "/api" }, new GotoRedirect());
        await AssertRedirectAsync(host, "/app/api/goto/%2e%2e//x", "Origin: http://o.example\r\n", "http://o.example/%2e%2e//x");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task EveryAllowedMethod_Gets307(string method)
    {
        await using var host = await StartAsync();
        await AssertRedirectAsync(host, "/goto/https://h.example/", null, "https://h.example/", method);
    }

    [Fact]
    public async Task Options_ListsTheAllowedMethods()
    {
        await using var host = await StartAsync();
        var response = await host.RawAsync("OPTIONS", "/goto/x");
        Assert.Equal(204, response.Status);
        Assert.Equal("DELETE, GET, HEAD, PATCH, POST, PUT", response.Header("Allow"));
    }

    [Theory]
    [InlineData("/goto/x%0d%0aSet-Cookie:%20a=b")]
    [InlineData("/goto/x%0D%0ASet-Cookie:%20a=b")]
    [InlineData("/goto/x?next=%0d%0aSet-Cookie:%20a=b")]
    [InlineData("/goto/https://h.example/?%0a")]
    [InlineData("/goto/x%09y")]
    [InlineData("/goto/x%00")]
    [InlineData("/goto/x%7f")]
    public async Task PercentEncodedControlCharacters_Get400_AndNoInjectedHeader(string target)
    {
        await using var host = await StartAsync();
        var response = await host.RawAsync("GET", target, "Referer: http://ref.example/\r\n");
        Assert.Equal(400, response.Status);
        Assert.Null(response.Header("Location"));
        Assert.Null(response.Header("Set-Cookie"));
    }

    [Theory]
    [InlineData("/goto/x\r\nSet-Cookie: a=b")]
    [InlineData("/goto/x?\r\nSet-Cookie: a=b")]
    [InlineData("/goto/x\ny")]
    public async Task RawControlCharacters_InTheTarget_Get400_AndNoInjectedHeader(string target)
    {
        await using var host = await StartAsync();
        var response = await host.RawAsync("GET", target, "Referer: http://ref.example/\r\n");
        Assert.Equal(400, response.Status);
        Assert.Null(response.Header("Location"));
        Assert.Null(response.Header("Set-Cookie"));
    }

    [Fact]
    public async Task RelativeAddress_WithoutAnyHostHeader_Answers200Empty()
    {
        await using var host = await StartAsync();
        var response = await host.RawAsync("GET", "/goto/x/y");
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Location"));
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("/goto")]
    [InlineData("/goto/")]
    [InlineData("/goto?x=1")]
    public async Task EmptyAddress_Answers200Empty_EvenWithAReferer(string target)
    {
        await using var host = await StartAsync();
        var response = await host.RawAsync("GET", target, "Referer: http://ref.example/dir/page\r\n");
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("Location"));
        Assert.Empty(response.Body);
    }
}
