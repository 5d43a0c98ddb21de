using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static MixNMatchttp.Cli.Tests.CliServer;

namespace MixNMatchttp.Cli.Tests;

/// <summary>The authentication options against real logins (docs/modules/auth.md).</summary>
public sealed class AuthOptionTests
{
    private const string Password = "Correct-Horse-9";
    private const string JwtKey = "a lab secret of at least thirty-two bytes";

    [Fact]
    public async Task Secrets_NeedACookieLogin_FromAPlainUsersFile()
    {
        await using var server = await StartAsync(
            dir =>
            {
                Users(dir, $"alice:{Password}:admin");
                dir.File("private/plan.txt", "plan");
                dir.File("a/notes/n.txt", "notes");
                dir.File("secret/s.txt", "not protected: -S replaces the default");
            },
            "--userfile", "users.txt", "--userfile-plain", "-S", "/private", "notes");

        using var anonymous = await server.Client.GetAsync("/private/plan.txt");
        using var anywhere = await server.Client.GetAsync("/a/notes/n.txt");
        using var wrong = await LoginAsync(server, "alice", "Wrong-Horse-9");
        using var stillAnonymous = await server.Client.GetAsync("/private/plan.txt");
        using var login = await LoginAsync(server, "alice", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stillAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("SESSION=", Header(login, "Set-Cookie"), StringComparison.Ordinal);
        Assert.Equal("plan", await server.Client.GetStringAsync("/private/plan.txt"));
        Assert.Equal("notes", await server.Client.GetStringAsync("/a/notes/n.txt"));
        Assert.Equal("not protected: -S replaces the default", await server.Client.GetStringAsync("/secret/s.txt"));
        Assert.Contains("modules: cookie auth,", server.Cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAUsersFile_SecretIsProtectedByDefault()
    {
        await using var server = await StartAsync(
            dir =>
            {
                Users(dir, $"alice:{Password}");
                dir.File("secret/s.txt", "s");
                dir.File("a/SECRET/b.txt", "b");
            },
            "--userfile", "users.txt", "--userfile-plain");

        using var secret = await server.Client.GetAsync("/secret/s.txt");
        using var nested = await server.Client.GetAsync("/a/SECRET/b.txt");

        Assert.Equal(HttpStatusCode.Unauthorized, secret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nested.StatusCode);
        Assert.Equal("hello", await server.Client.GetStringAsync("/hello.txt"));
    }

    [Fact]
    public async Task HashTypeWithoutAValue_ReadsTheUsersFileAsPlaintext()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--hash-type");

        using var login = await LoginAsync(server, "alice", Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task UserfileHashed_AfterUserfilePlain_ReadsHashes()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Password)));
        await using var server = await StartAsync(dir => Users(dir, $"alice:{sha256}"), "--userfile", "users.txt", "--userfile-plain", "--userfile-hashed");

        using var hash = await LoginAsync(server, "alice", sha256);
        using var login = await LoginAsync(server, "alice", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, hash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task AuthJwt_LoginReturnsATokenSignedWithTheJwtKey_ThatOpensSecrets()
    {
        await using var server = await StartAsync(
            dir =>
            {
                Users(dir, $"alice:{Password}");
                dir.File("secret/s.txt", "s");
            },
            "--auth", "jwt", "--jwt-key", JwtKey, "--userfile", "users.txt", "--userfile-plain");

        var token = await JwtLoginAsync(server);
        using var anonymous = await server.Client.GetAsync("/secret/s.txt");
        using var bearer = await GetWithTokenAsync(server, "/secret/s.txt", token);
        using var forged = await GetWithTokenAsync(server, "/secret/s.txt", token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));

        AssertSignedWith(JwtKey, token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal("s", await bearer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("modules: jwt auth (HS256),", server.Cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JwtKey_ComesFromTheEnvironmentWhenNotGiven()
    {
        const string key = "another lab secret, also thirty-two bytes long";
        await using var server = await StartAsync(
            dir => Users(dir, $"alice:{Password}"),
            new Dictionary<string, string> { ["MIXNMATCHTTP_JWT_KEY"] = key },
            "--auth", "jwt", "--userfile", "users.txt", "--userfile-plain");

        AssertSignedWith(key, await JwtLoginAsync(server));
    }

    [Fact]
    public async Task Lockout_LocksTheAccountAfterNFailures()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--lockout", "2/1m");

        using var first = await LoginAsync(server, "alice", "Wrong-Horse-1");
        using var second = await LoginAsync(server, "alice", "Wrong-Horse-2");
        using var locked = await LoginAsync(server, "alice", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
    }

    [Fact]
    public async Task LockoutOff_NeverLocks()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--lockout", "OFF");

        for (var i = 0; i < 7; i++)
        {
            using var wrong = await LoginAsync(server, "alice", $"Wrong-Horse-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var login = await LoginAsync(server, "alice", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task RateLimit_RefusesAnAddressOverItsBurst_AndOffNeverDoes()
    {
        await using var limited = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--lockout", "off", "--rate-limit", "1");
        await using var unlimited = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--lockout", "off", "--rate-limit", "off");

        // Eight at once: the burst of two passes, the rest are refused before any password is checked.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var login = await LoginAsync(limited, "alice", $"Wrong-Horse-{i}");
            return login.StatusCode;
        }));

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.Unauthorized), 2, 3);
        Assert.All(statuses.Where(status => status != HttpStatusCode.Unauthorized), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        for (var i = 0; i < 30; i++)
        {
            using var login = await LoginAsync(unlimited, "alice", $"Wrong-Horse-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
    }

    [Fact]
    public async Task CookieSameSite_IsTheSessionCookiesAttribute()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--cookie-samesite", "Strict");

        using var login = await LoginAsync(server, "alice", Password);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Csrf_RefusesALoggedInPostWithoutTheToken()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain", "--csrf");

        using var login = await LoginAsync(server, "alice", Password);
        var token = login.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("CSRF-TOKEN=", StringComparison.Ordinal)).Split(';')[0]["CSRF-TOKEN=".Length..];
        using var without = await server.Client.PostAsync("/hello.txt", new StringContent("x"));
        // One character changed, so the wrong token is never the right one.
        using var wrongToken = await PostWithCsrfAsync(server, "/hello.txt", (token[0] == '0' ? "1" : "0") + token[1..]);
        using var with = await PostWithCsrfAsync(server, "/hello.txt", token);

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, with.StatusCode);
    }

    [Fact]
    public async Task WithoutCsrf_ALoggedInPostNeedsNoToken()
    {
        await using var server = await StartAsync(dir => Users(dir, $"alice:{Password}"), "--userfile", "users.txt", "--userfile-plain");

        using var login = await LoginAsync(server, "alice", Password);
        using var post = await server.Client.PostAsync("/hello.txt", new StringContent("x"));

        Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task AnyLogin_LetsEveryoneIn()
    {
        await using var server = await StartAsync(dir => dir.File("secret/s.txt", "s"), "--any-login");

        using var login = await LoginAsync(server, "mallory", "x");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("s", await server.Client.GetStringAsync("/secret/s.txt"));
    }

    private static void Users(TempDirectory dir, params string[] lines) => dir.File("users.txt", string.Join('\n', lines) + "\n");

    private static Task<HttpResponseMessage> LoginAsync(CliServer server, string username, string password) =>
        server.Client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password }));

    private static async Task<string> JwtLoginAsync(CliServer server)
    {
        using var login = await LoginAsync(server, "alice", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> GetWithTokenAsync(CliServer server, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostWithCsrfAsync(CliServer server, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("x") };
        request.Headers.Add("X-CSRF-Token", token);
        return await server.Client.SendAsync(request);
    }

    /// <summary>The token's HS256 signature is that of <paramref name="key"/>.</summary>
    private static void AssertSignedWith(string key, string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);
    }
}
