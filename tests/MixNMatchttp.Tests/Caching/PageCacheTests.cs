using System.Net;
using System.Text;
using System.Text.Json;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

public sealed class PageCacheTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent JsonPage(byte[] data, string? type = null) =>
        Json(JsonSerializer.Serialize(type is null ? new Dictionary<string, string> { ["data"] = Convert.ToBase64String(data) }
            : new Dictionary<string, string> { ["data"] = Convert.ToBase64String(data), ["type"] = type }));

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<string> ReasonAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task Echo_JsonWithBase64Data_RendersTheBytesWithTheType()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", JsonPage("<h1>hi</h1>"u8.ToArray(), "text/html"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("<h1>hi</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Echo_BinaryData_RoundTripsByteExact()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xff, 0x00, 0xfe }).ToArray();
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", JsonPage(data, "application/octet-stream"));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Echo_FormData_IsPercentDecodedOnlyOnce()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.RawAsync("POST", "/echo", "Content-Type: application/x-www-form-urlencoded\r\n", "data=100%2541+%3Cb%3E%26&type=text%2Fhtml");
        Assert.Equal(200, response.Status);
        Assert.Equal("text/html", response.Header("Content-Type"));
        Assert.Equal("100%41 <b>&", response.Text);
    }

    [Fact]
    public async Task Echo_FormUtf8Text_RoundTrips()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", Form(("data", "héllo → wörld"), ("type", "text/plain; charset=utf-8")));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("héllo → wörld", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Echo_MissingOrEmptyType_IsTextPlain(string? type)
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var json = await host.Client.PostAsync("/echo", JsonPage("x"u8.ToArray(), type));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("text/plain", json.Content.Headers.ContentType?.ToString());
        var form = await host.Client.PostAsync("/echo", type is null ? Form(("data", "x")) : Form(("data", "x"), ("type", type)));
        Assert.Equal("text/plain", form.Content.Headers.ContentType?.ToString());
        Assert.Equal("x", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Echo_JsonNullType_IsTextPlain()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", Json("""{"data":"eA==","type":null}"""));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("application/x-custom+json")]
    [InlineData("image/svg+xml")]
    public async Task Echo_ValidMediaType_IsKept_EvenWhenUnregistered(string type)
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", JsonPage("x"u8.ToArray(), type));
        Assert.Equal(type, response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("""{"type":"text/html"}""", "the 'data' parameter is missing")]
    [InlineData("""{"data":null}""", "the 'data' parameter is missing")]
    [InlineData("""{"data":"not base64!"}""", "'data' is not valid base64")]
    [InlineData("""{"data":"eA="}""", "'data' is not valid base64")]
    [InlineData("""{"data":42}""", "'data' must be a base64 string")]
    [InlineData("""{"data":"eA==","type":5}""", "'type' must be a string")]
    [InlineData("""{"data":"eA==","type":["text/html"]}""", "'type' must be a string")]
    [InlineData("""{"data":"eA==","type":{}}""", "'type' must be a string")]
    [InlineData("""["eA=="]""", "the JSON body must be an object")]
    [InlineData("\"eA==\"", "the JSON body must be an object")]
    public async Task Echo_BadJsonPage_Gets400WithTheReason(string body, string reason)
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.PostAsync("/echo", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await ReasonAsync(response);
        Assert.StartsWith("Bad Request: ", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Echo_FormWithoutData_OrWithRepeatedData_Gets400()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var missing = await host.Client.PostAsync("/echo", Form(("type", "text/html")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'data' parameter is missing", await ReasonAsync(missing), StringComparison.Ordinal);
        var repeated = await host.Client.PostAsync("/echo", Form(("data", "a"), ("data", "b")));
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("only once", await ReasonAsync(repeated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_BodyThatIsNeitherJsonNorForm_OrNoBody_Gets400()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var text = await host.Client.PostAsync("/echo", new StringContent("data=eA==", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("must be a JSON object", await ReasonAsync(text), StringComparison.Ordinal);
        var none = await host.Client.PostAsync("/echo?data=eA==", null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Echo_Get_Gets405()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.GetAsync("/echo");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task SavedPage_IsReturned_WithItsBodyAndType_ForJsonAndForm()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var save = await host.Client.PostAsync("/cache/fromjson", JsonPage("<p>json</p>"u8.ToArray(), "text/html; charset=utf-8"));
        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/fromform", Form(("data", "a=b&c"), ("type", "application/javascript")))).StatusCode);

        var json = await host.Client.GetAsync("/cache/fromjson");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("text/html; charset=utf-8", json.Content.Headers.ContentType?.ToString());
        Assert.Equal("<p>json</p>", await json.Content.ReadAsStringAsync());
        var form = await host.Client.GetAsync("/cache/fromform");
        Assert.Equal("application/javascript", form.Content.Headers.ContentType?.ToString());
        Assert.Equal("a=b&c", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SavedBinaryPage_RoundTripsByteExact()
    {
        var data = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/bin", JsonPage(data, "image/png"));
        var response = await host.Client.GetAsync("/cache/bin");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_OfASavedPage_Answers200_WithTypeAndLength_AndNoBody()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/p", JsonPage("12345"u8.ToArray(), "text/html"));
        var head = await host.RawAsync("HEAD", "/cache/p");
        Assert.Equal(200, head.Status);
        Assert.Equal("text/html", head.Header("Content-Type"));
        Assert.Equal("5", head.Header("Content-Length"));
        Assert.Empty(head.Body);
        Assert.Equal(500, (await host.RawAsync("HEAD", "/cache/missing")).Status);
    }

    [Fact]
    public async Task Get_OfAPageNeverSaved_Gets500WithAReason()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var response = await host.Client.GetAsync("/cache/nothing");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Internal Server Error: no such page: it was never saved, or it was cleared\n", await ReasonAsync(response));
    }

    [Fact]
    public async Task SavingANameTwice_Gets500_AndKeepsTheFirstPage()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/p", Form(("data", "first")));
        var again = await host.Client.PostAsync("/cache/p", Form(("data", "second")));
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
        Assert.Contains("never overwritten", await ReasonAsync(again), StringComparison.Ordinal);
        Assert.Equal("first", await host.Client.GetStringAsync("/cache/p"));
    }

    [Fact]
    public async Task ClearedName_CannotBeSavedAgain_AfterClearingItOrClearingAll()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/one", Form(("data", "1")));
        await host.Client.PostAsync("/cache/two", Form(("data", "2")));
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear/one")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync("/cache/one")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.PostAsync("/cache/one", Form(("data", "1 again")))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.PostAsync("/cache/two", Form(("data", "2 again")))).StatusCode);
    }

    [Fact]
    public async Task ClearOne_RemovesOnlyThatPage_AndClearAll_RemovesEveryPage()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        foreach (var name in new[] { "a", "b", "c" })
        {
            await host.Client.PostAsync($"/cache/{name}", Form(("data", name)));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear/b")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear/never-saved")).StatusCode);
        Assert.Equal("a", await host.Client.GetStringAsync("/cache/a"));
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync("/cache/b")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync("/cache/clear")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync("/cache/a")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync("/cache/c")).StatusCode);
    }

    [Fact]
    public async Task PageOverTheCap_Gets500_AndIsNotSaved()
    {
        // Each page counts its name (1 byte), its type (text/plain: 10 bytes) and its body.
        var cache = new PageCache(new PageCacheOptions { MaxBytes = 32 });
        await using var host = await TestHost.StartAsync(cache);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/a", Form(("data", "123456")))).StatusCode);
        var over = await host.Client.PostAsync("/cache/b", Form(("data", "12345")));
        Assert.Equal(HttpStatusCode.InternalServerError, over.StatusCode);
        Assert.Equal("Internal Server Error: the page does not fit in the cache's memory cap\n", await ReasonAsync(over));
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync("/cache/b")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/b", Form(("data", "1234")))).StatusCode);
        Assert.Equal(new PageStoreUsage(2, 32, 32), await cache.Store.GetUsageAsync());
    }

    [Fact]
    public async Task FullCache_AcceptsNewPages_AfterClearingOne_AndAfterClearingAll()
    {
        var cache = new PageCache(new PageCacheOptions { MaxBytes = 32 });
        await using var host = await TestHost.StartAsync(cache);
        await host.Client.PostAsync("/cache/a", Form(("data", "12345")));
        await host.Client.PostAsync("/cache/b", Form(("data", "12345")));
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.PostAsync("/cache/c", Form(("data", "1")))).StatusCode);

        await host.Client.GetAsync("/cache/clear/a");
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/c", Form(("data", "12345")))).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.PostAsync("/cache/d", Form(("data", "1")))).StatusCode);

        await host.Client.GetAsync("/cache/clear");
        Assert.Equal(new PageStoreUsage(0, 0, 32), await cache.Store.GetUsageAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/d", Form(("data", "1234567890")))).StatusCode);
    }

    [Fact]
    public async Task HeadOnClear_ClearsNothing()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/p", Form(("data", "kept")));
        Assert.Equal(204, (await host.RawAsync("HEAD", "/cache/clear")).Status);
        Assert.Equal(204, (await host.RawAsync("HEAD", "/cache/clear/p")).Status);
        Assert.Equal("kept", await host.Client.GetStringAsync("/cache/p"));
    }

    [Fact]
    public async Task New_GivesDistinctRandomUuids_AsTextPlain()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var response = await host.Client.GetAsync("/cache/new");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
            var id = Guid.ParseExact(await response.Content.ReadAsStringAsync(), "D");
            Assert.Equal(4, id.Version);
            Assert.True(ids.Add(id));
        }
    }

    [Fact]
    public async Task SeedReadmeWorkflow_NewUuid_Save_Get_Clear()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var name = await host.Client.GetStringAsync("/cache/new");
        var page = """<script>alert(document.domain)</script>"""u8.ToArray();
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync($"/cache/{name}", JsonPage(page, "text/html"))).StatusCode);
        var get = await host.Client.GetAsync($"/cache/{name}");
        Assert.Equal("text/html", get.Content.Headers.ContentType?.ToString());
        Assert.Equal(page, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.GetAsync($"/cache/clear/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Client.GetAsync($"/cache/{name}")).StatusCode);
    }

    [Fact]
    public async Task BadPage_Gets400_AndDoesNotTakeTheName()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/cache/p", Json("""{"data":"%%%"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/cache/p", Json("""{"data":"eA=="}"""))).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/cache")]
    [InlineData("POST", "/cache")]
    [InlineData("GET", "/cache/a/b")]
    [InlineData("GET", "/cache/clear/a/b")]
    public async Task WrongArgumentCount_Gets400(string method, string target)
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        Assert.Equal(400, (await host.RawAsync(method, target)).Status);
    }

    [Fact]
    public async Task PageNames_AreCanonicalPathSegments_AndCaseSensitive()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        await host.Client.PostAsync("/cache/Page", Form(("data", "upper")));
        await host.Client.PostAsync("/cache/page", Form(("data", "lower")));
        Assert.Equal("upper", (await host.GetRawAsync("/x/../cache/./Page")).Text);
        Assert.Equal("lower", (await host.GetRawAsync("/CACHE/page")).Text);
    }

    [Fact]
    public async Task EndpointPrefix_MountsTheCache()
    {
        await using var host = await TestHost.StartAsync(new MixServerOptions { EndpointPrefix = "/api" }, new PageCache());
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync("/api/cache/p", Form(("data", "x")))).StatusCode);
        Assert.Equal("x", await host.Client.GetStringAsync("/api/cache/p"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/cache/p")).StatusCode);
    }

    [Fact]
    public async Task TwoServers_ShareNoPages()
    {
        await using var first = await TestHost.StartAsync(new PageCache());
        await using var second = await TestHost.StartAsync(new PageCache());
        await first.Client.PostAsync("/cache/p", Form(("data", "first")));
        Assert.Equal(HttpStatusCode.InternalServerError, (await second.Client.GetAsync("/cache/p")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await second.Client.PostAsync("/cache/p", Form(("data", "second")))).StatusCode);
        Assert.Equal("first", await first.Client.GetStringAsync("/cache/p"));
    }

    [Fact]
    public async Task GivenStore_IsTheOneUsed()
    {
        var store = new MemoryPageStore(1000);
        var cache = new PageCache(new PageCacheOptions { Store = store });
        await using var host = await TestHost.StartAsync(cache);
        await host.Client.PostAsync("/cache/p", Form(("data", "abc")));
        Assert.Same(store, cache.Store);
        Assert.Equal("abc"u8.ToArray(), (await store.GetAsync("p"))!.Body.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NonPositiveMaxBytes_IsRefusedAtBuild(long maxBytes)
    {
        var server = MixServer.Create(new MixServerOptions { Port = 0 }).Add(new PageCache(new PageCacheOptions { MaxBytes = maxBytes }));
        var error = Assert.Throws<MixConfigurationException>(server.Build);
        Assert.Contains("MaxBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_BeforeTheServerIsBuilt_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new PageCache().Store);
}
