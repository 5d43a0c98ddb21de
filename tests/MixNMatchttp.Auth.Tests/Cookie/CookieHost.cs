using System.Net;
using Microsoft.Extensions.Time.Testing;
using MixNMatchttp.Files;

namespace MixNMatchttp.Auth.Tests.Cookie;

/// <summary>A server with cookie auth, a protected endpoint (/api/secret), an open one (/api/open), protected
/// files under /secret, a fake clock, and a user alice (admin) with the password <see cref="Password"/>.</summary>
internal sealed class CookieHost : IAsyncDisposable
{
    public const string Password = "Str0ng!Passw0rd";

    private readonly TempDirectory _root;

    private CookieHost(TestHost host, CookieAuth auth, FakeTimeProvider clock, TempDirectory root)
    {
        _root = root;
        Host = host;
        Auth = auth;
        Clock = clock;
    }

    public TestHost Host { get; }

    public CookieAuth Auth { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client => Host.Client;

    /// <summary>The document root (files under <c>/secret</c> are protected).</summary>
    public string Root => _root.Path;

    /// <summary>Cheap hashing, "secret" protected, and no per-address rate limit: every test request comes from
    /// 127.0.0.1, and the tests of the limit turn it on.</summary>
    public static AuthOptions CheapOptions()
    {
        var options = new AuthOptions
        {
            PasswordHashing = new PasswordHashingOptions { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 1000 },
            RateLimit = new RateLimitOptions { PermitsPerSecond = 0 },
        };
        options.ProtectedPaths.Add("secret");
        return options;
    }

    public static async Task<CookieHost> StartAsync(AuthOptions? options = null, SessionCookieOptions? cookie = null, bool csrf = false, MixServerOptions? server = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var auth = new CookieAuth(options ?? CheapOptions(), cookie) { CsrfProtection = csrf };
        var root = new TempDirectory();
        root.File("secret/file.txt", "top secret");
        root.File("open.txt", "open");
        server ??= new MixServerOptions();
        server.TimeProvider = clock;
        var api = new TestModule(new() { ["api"] = new() { AllowedMethods = ["GET", "POST"], NArgs = 1 } }, map => map.Any("api", c =>
            new(c.RenderAsync($"{c.Endpoint.Args} for {AuthModule.UserOf(c)?.Username ?? "anonymous"}", "text/plain"))));
        var host = await TestHost.StartAsync(server, auth, api, new StaticFiles(new() { Root = root.Path }));
        await auth.AddUserAsync("alice", Password, ["admin"]);
        return new CookieHost(host, auth, clock, root);
    }

    /// <summary>A form with a user name and a password.</summary>
    public static FormUrlEncodedContent Credentials(string username, string password) =>
        new([new("username", username), new("password", password)]);

    /// <summary>Logs in and returns the session token from Set-Cookie.</summary>
    public async Task<string> LoginAsync(string username = "alice", string password = Password)
    {
        var response = await Client.PostAsync("/login", new FormUrlEncodedContent([new("username", username), new("password", password)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SessionToken(response) ?? throw new InvalidOperationException("no session cookie");
    }

    public static string? SessionToken(HttpResponseMessage response, string name = "SESSION") =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[(name.Length + 1)..].Split(';')[0]).FirstOrDefault()
            : null;

    public Task<HttpResponseMessage> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Add("Cookie", $"SESSION={token}");
        }

        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _root.Dispose();
    }
}
