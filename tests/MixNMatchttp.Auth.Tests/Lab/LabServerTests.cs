using System.Net;
using System.Text;
using Lab;

namespace MixNMatchttp.Auth.Tests.Lab;

public sealed class LabServerTests
{
    private static async Task<(TestHost Host, TempDirectory Root)> StartAsync(params string[] args)
    {
        var root = new TempDirectory();
        root.File("www/secret/data.txt", "the secret");
        root.File("www/public/page.html", "<p>page</p>");
        root.File("www/js/jquery-3.7.1.min.js", "/* jquery */");
        var users = root.File("users.txt", "alice:Al1ce!Passw0rd\n");
        var options = LabOptions.Parse([.. args, "--root", Path.Join(root.Path, "www"), "--users", users]);
        return (await TestHost.StartAsync(LabServer.Create(options)), root);
    }

    [Fact]
    public async Task Secret_NeedsALoginFromTheUsersFile()
    {
        var (host, root) = await StartAsync();
        await using var _ = host;
        using var __ = root;
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/secret/data.txt")).StatusCode);
        var login = await host.Client.PostAsync("/login", new FormUrlEncodedContent([new("username", "alice"), new("password", "Al1ce!Passw0rd")]));
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret/data.txt");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal("the secret", await (await host.Client.SendAsync(request)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_DefaultsToStar_AndHonoursPerRequestOverrides()
    {
        var (host, root) = await StartAsync("--cors-origin", "*");
        await using var _ = host;
        using var __ = root;
        var plain = await host.RawAsync("GET", "/public/page.html", "Origin: http://evil.test\r\n");
        Assert.Equal("*", plain.Header("Access-Control-Allow-Origin"));
        Assert.Null(plain.Header("Access-Control-Allow-Credentials"));
        var echoed = await host.RawAsync("GET", "/public/page.html?origin=%7BECHO%7D&creds=1", "Origin: http://evil.test\r\n");
        Assert.Equal("http://evil.test", echoed.Header("Access-Control-Allow-Origin"));
        Assert.Equal("true", echoed.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task CustomHeaders_NoCache_Cache_Goto_AndListing_AreAllThere()
    {
        var (host, root) = await StartAsync("-H", "X-Lab: yes", "-H", "X-Frame-Options: DENY");
        await using var _ = host;
        using var __ = root;
        var page = await host.GetRawAsync("/public/page.html");
        Assert.Equal("yes", page.Header("X-Lab"));
        Assert.Equal("DENY", page.Header("X-Frame-Options"));
        Assert.Equal("no-cache, no-store, must-revalidate", page.Header("Cache-Control"));
        Assert.Null((await host.GetRawAsync("/js/jquery-3.7.1.min.js")).Header("Cache-Control"));

        var save = await host.Client.PostAsync("/cache/payload", new FormUrlEncodedContent([new("data", "<script>1</script>"), new("type", "text/html")]));
        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal("<script>1</script>", await host.Client.GetStringAsync("/cache/payload"));

        var redirect = await host.RawAsync("GET", "/goto///evil.test/x");
        Assert.Equal(307, redirect.Status);
        Assert.Equal("//evil.test/x", redirect.Header("Location"));

        Assert.Contains("href=\"public/\"", Encoding.UTF8.GetString((await host.GetRawAsync("/")).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssl_ServesHttpsWithASecureCookie()
    {
        var (host, root) = await StartAsync("--ssl");
        await using var _ = host;
        using var __ = root;
        Assert.Equal("https", host.BaseAddress.Scheme);
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = new() { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null } }) { BaseAddress = host.BaseAddress };
        var login = await client.PostAsync("/login", new FormUrlEncodedContent([new("username", "alice"), new("password", "Al1ce!Passw0rd")]));
        Assert.Contains("; secure", login.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--port", "x" }, "--port must be a number")]
    [InlineData(new[] { "--users" }, "--users needs a value")]
    public void BadOptions_GiveOneClearError(string[] args, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => LabOptions.Parse(args)).Message, StringComparison.Ordinal);

    [Fact]
    public void MalformedCustomHeader_IsAStartupError()
    {
        var options = LabOptions.Parse(["-H", "no colon here", "--port", "0"]);
        Assert.Throws<MixConfigurationException>(() => LabServer.Create(options).Build());
    }
}
