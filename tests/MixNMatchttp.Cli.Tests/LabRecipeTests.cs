using System.Net;

namespace MixNMatchttp.Cli.Tests;

/// <summary>
/// The original's CORS demo server (demos/cors.py) as a command line: cookie auth with "secret" protected and a users
/// file, CORS with per-request overrides, custom headers, the page cache, /goto, and no caching except of jQuery.
/// </summary>
public sealed class LabRecipeTests
{
    private static readonly string[] Recipe =
        ["-p", "0", "-r", "www", "--userfile", "users.txt", "--userfile-plain", "-X", "--cache", "--goto", "-H", "X-Lab: yes", "X-Frame-Options: DENY", "--no-cache", "*", "!/js/jquery-*.js"];

    private static TempDirectory Lab()
    {
        var dir = new TempDirectory();
        dir.File("www/secret/data.txt", "the secret");
        dir.File("www/public/page.html", "<p>page</p>");
        dir.File("www/js/jquery-3.7.1.min.js", "/* jquery */");
        dir.File("users.txt", "alice:Al1ce!Passw0rd\n");
        return dir;
    }

    [Fact]
    public async Task TheLabServer_AsOneCommandLine()
    {
        using var dir = Lab();
        await using var cli = await CliProcess.StartAsync(dir.Path, Recipe);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = cli.Url };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/secret/data.txt")).StatusCode);
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "Al1ce!Passw0rd" }));
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var secret = new HttpRequestMessage(HttpMethod.Get, "/secret/data.txt") { Headers = { { "Cookie", cookie } } };
        Assert.Equal("the secret", await (await client.SendAsync(secret)).Content.ReadAsStringAsync());

        using var plain = await Get(client, "/public/page.html", "http://evil.test");
        Assert.Equal("*", Header(plain, "Access-Control-Allow-Origin"));
        Assert.Null(Header(plain, "Access-Control-Allow-Credentials"));
        using var echoed = await Get(client, "/public/page.html?origin=%7BECHO%7D&creds=1", "http://evil.test");
        Assert.Equal("http://evil.test", Header(echoed, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(echoed, "Access-Control-Allow-Credentials"));

        Assert.Equal("yes", Header(plain, "X-Lab"));
        Assert.Equal("DENY", Header(plain, "X-Frame-Options"));
        using var jquery = await Get(client, "/js/jquery-3.7.1.min.js", null);
        Assert.Equal("no-cache, no-store, must-revalidate", Header(plain, "Cache-Control"));
        Assert.Null(Header(jquery, "Cache-Control"));


        using var save = await client.PostAsync("/cache/payload", new FormUrlEncodedContent(new Dictionary<string, string> { ["data"] = "<script>1</script>", ["type"] = "text/html" }));
        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);
        Assert.Equal("<script>1</script>", await client.GetStringAsync("/cache/payload"));

        using var redirect = await client.GetAsync("/goto///evil.test/x");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("//evil.test/x", Header(redirect, "Location"));

        Assert.Contains("href=\"public/\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLabServer_OverTls_SetsASecureCookie()
    {
        using var dir = Lab();
        await using var cli = await CliProcess.StartAsync(dir.Path, [.. Recipe, "--ssl"]);
        Assert.Equal("https", cli.Url.Scheme);
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = new() { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null } }) { BaseAddress = cli.Url };
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "Al1ce!Passw0rd" }));
        Assert.Contains("; secure", login.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A header as sent (not re-formatted by HttpClient's parser).</summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values) ? values.ToString() : null;
}
