using System.Net;
using System.Text;
using System.Text.Json;
using MixNMatchttp.Caching;

namespace MixNMatchttp.Tests.Caching;

/// <summary>What a stranger can make the page cache hold: names of at most 255 bytes, types that are media types of at
/// most 255 bytes, and the cap counting name, type and body.</summary>
public sealed class PageCacheLimitsTests
{
    private static StringContent JsonPage(string type) =>
        new(JsonSerializer.Serialize(new Dictionary<string, string> { ["data"] = "eA==", ["type"] = type }), Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent FormPage(string type) => new([new("data", "x"), new("type", type)]);

    [Theory]
    [InlineData("nonsense")]
    [InlineData("text/")]
    [InlineData("/html")]
    [InlineData("*/*")]
    [InlineData("text/*")]
    [InlineData("text/html garbage")]
    [InlineData("text/html; charset=\"unterminated")]
    [InlineData("text/html\u0001")]
    [InlineData("text/html\r\nSet-Cookie: a=b")]
    [InlineData("text/\u00e9")]
    [InlineData("text/html\uFFFD")]
    public async Task InvalidType_Gets400WithAReason_OnEchoAndCache(string type)
    {
        var cache = new PageCache();
        await using var host = await TestHost.StartAsync(cache);

        var json = await host.Client.PostAsync("/echo", JsonPage(type));
        var form = await host.Client.PostAsync("/echo", FormPage(type));
        var save = await host.Client.PostAsync("/cache/page", JsonPage(type));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Equal("Bad Request: " + PageDecoder.TypeInvalid + "\n", await json.Content.ReadAsStringAsync());
        Assert.False(save.Headers.Contains("Set-Cookie"));
        Assert.Equal(0, cache.Store is MemoryPageStore store ? store.Count : -1);
    }

    [Fact]
    public async Task TypeOfInvalidUtf8InAJsonBody_Gets400()
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var body = new ByteArrayContent([.. "{\"data\":\"eA==\",\"type\":\"text/"u8, 0xFF, 0xFE, .. "\"}"u8]);
        body.Headers.ContentType = new("application/json");

        var response = await host.Client.PostAsync("/echo", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"data\":\"eA==\",\"type\":\"text/\\ud800\"}")]
    [InlineData("{\"data\":\"eA==\",\"type\":\"text/plain\\u0000\"}")]
    [InlineData("{\"data\":\"\\udc00\"}")]
    public async Task JsonEscapesOfLoneSurrogatesOrNul_Get400(string json)
    {
        await using var host = await TestHost.StartAsync(new PageCache());

        var response = await host.Client.PostAsync("/echo", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task FormFieldWithAPercentEscapeThatIsNotUtf8_Gets400_NotA500()
    {
        await using var host = await TestHost.StartAsync(new PageCache());

        var response = await host.Client.PostAsync("/echo", new StringContent("data=x&type=text%2F%FF", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request: a form field is not valid UTF-8 once percent-decoded\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(255, HttpStatusCode.OK)]
    [InlineData(256, HttpStatusCode.BadRequest)]
    [InlineData(1024 * 1024, HttpStatusCode.BadRequest)]
    public async Task TypeLongerThan255Bytes_Gets400(int length, HttpStatusCode status)
    {
        await using var host = await TestHost.StartAsync(new PageCache());
        var type = "application/x-" + new string('a', length - 14);

        var echo = await host.Client.PostAsync("/echo", JsonPage(type));
        var save = await host.Client.PostAsync("/cache/page", FormPage(type));

        Assert.Equal(status, echo.StatusCode);
        Assert.Equal(status == HttpStatusCode.OK ? HttpStatusCode.NoContent : status, save.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal("Bad Request: " + PageDecoder.TypeTooLong + "\n", await echo.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(255, 'a', HttpStatusCode.NoContent)]
    [InlineData(256, 'a', HttpStatusCode.BadRequest)]
    [InlineData(127, 'é', HttpStatusCode.NoContent)]
    [InlineData(128, 'é', HttpStatusCode.BadRequest)]
    [InlineData(2000, 'a', HttpStatusCode.BadRequest)]
    public async Task NameLongerThan255Utf8Bytes_Gets400_OnSaveAndGet(int length, char letter, HttpStatusCode status)
    {
        var cache = new PageCache();
        await using var host = await TestHost.StartAsync(cache);
        var name = Uri.EscapeDataString(new string(letter, length));

        var save = await host.Client.PostAsync("/cache/" + name, FormPage("text/plain"));
        var get = await host.Client.GetAsync("/cache/" + name);

        Assert.Equal(status, save.StatusCode);
        Assert.Equal(status == HttpStatusCode.NoContent ? HttpStatusCode.OK : HttpStatusCode.BadRequest, get.StatusCode);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal("Bad Request: the page name is longer than 255 bytes (UTF-8)\n", await save.Content.ReadAsStringAsync());
            Assert.Equal(0, ((MemoryPageStore)cache.Store).Count);
        }
    }

    [Theory]
    [InlineData("/cache/a%00b")]
    [InlineData("/cache/%C0%AE")]
    [InlineData("/cache/%FF")]
    [InlineData("/cache/a%0d%0ab")]
    public async Task HostileNames_Get400(string target)
    {
        await using var host = await TestHost.StartAsync(new PageCache());

        var response = await host.RawAsync("POST", target, "Content-Type: application/x-www-form-urlencoded\r\n", "data=x");

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task EmptyPagesWithLongTypes_FillTheCap_NotMemoryOutsideIt()
    {
        var cache = new PageCache(new PageCacheOptions { MaxBytes = 4096 });
        await using var host = await TestHost.StartAsync(cache);
        var type = "application/x-" + new string('t', 241);
        var saved = 0;

        for (var i = 0; i < 100; i++)
        {
            var response = await host.Client.PostAsync($"/cache/p{i:D2}", JsonPage(type));
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                saved++;
            }
        }

        var store = (MemoryPageStore)cache.Store;
        Assert.Equal(15, saved);
        Assert.Equal(15 * (3 + 255 + 1), store.Bytes);
        Assert.InRange(store.Bytes, 0, 4096);
    }
}
