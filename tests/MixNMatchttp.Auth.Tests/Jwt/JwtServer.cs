using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using MixNMatchttp.Files;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>How an auth endpoint's parameters travel.</summary>
public enum ParamStyle
{
    Form,
    Json,
    Query,
}

/// <summary>
/// A loopback server with JWT auth (users alice and bob, the path component "secret" protected), a protected
/// endpoint <c>/secret</c> that names the authenticated user, and static files with a protected file
/// (<see cref="ProtectedFile"/>) and a public one (<c>/public.txt</c>).
/// </summary>
internal sealed class JwtServer : IAsyncDisposable
{
    public const string Passphrase = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
    public const string Password = "Str0ng!Passw0rd";
    public const string ProtectedFile = "/docs/secret/data.txt";
    public const string ProtectedFileContent = "the protected file";

    private readonly TempDirectory _files;

    private JwtServer(TestHost host, JwtAuth module, TempDirectory files)
    {
        Host = host;
        Module = module;
        _files = files;
    }

    public TestHost Host { get; }

    public JwtAuth Module { get; }

    public HttpClient Client => Host.Client;

    /// <summary>Auth options of every test server: "secret" protected, cheap password hashing, no per-address rate
    /// limit (every test request comes from 127.0.0.1).</summary>
    public static AuthOptions NewAuthOptions() => new()
    {
        ProtectedPaths = { "secret" },
        PasswordHashing = new() { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 1000 },
        RateLimit = new() { PermitsPerSecond = 0 },
    };

    /// <summary>The protected endpoint: answers "user=NAME" with the authenticated user's name.</summary>
    public static TestModule SecretModule() => new(
        new() { ["secret"] = new() { AllowedMethods = ["GET", "POST"] } },
        map => map.Any("secret", c => new(c.RenderAsync($"user={AuthModule.UserOf(c)?.Username}", "text/plain; charset=utf-8"))));

    public static async Task<JwtServer> StartAsync(JwtOptions? jwt = null, TimeProvider? clock = null, Action<AuthOptions>? configure = null)
    {
        var options = NewAuthOptions();
        configure?.Invoke(options);
        var module = new JwtAuth(options, jwt ?? new JwtOptions { Passphrase = Passphrase });
        var files = new TempDirectory();
        try
        {
            files.File("docs/secret/data.txt", ProtectedFileContent);
            files.File("public.txt", "public");
            var serverOptions = new MixServerOptions { TimeProvider = clock ?? TimeProvider.System };
            var host = await TestHost.StartAsync(serverOptions, module, SecretModule(), new StaticFiles(new StaticFilesOptions { Root = files.Path }));
            await module.AddUserAsync("alice", Password);
            await module.AddUserAsync("bob", Password, ["admin"]);
            return new JwtServer(host, module, files);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>POSTs <paramref name="parameters"/> (null values left out) to <paramref name="path"/> in the given style.</summary>
    public async Task<Reply> PostAsync(string path, ParamStyle style, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, style == ParamStyle.Query ? QueryHelpers.AddQueryString(path, present) : path);
        if (style == ParamStyle.Form)
        {
            request.Content = new FormUrlEncodedContent(present);
        }
        else if (style == ParamStyle.Json)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(present.ToDictionary(p => p.Key, p => p.Value)), Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    public Task<Reply> LoginAsync(string username = "alice", string password = Password, ParamStyle style = ParamStyle.Form) =>
        PostAsync("/login", style, ("username", username), ("password", password));

    public Task<Reply> RefreshAsync(string? refreshToken, ParamStyle style = ParamStyle.Form) =>
        PostAsync("/authtoken", style, ("refresh_token", refreshToken));

    /// <summary>Logs alice in and returns the pair, failing the test when the login fails.</summary>
    public async Task<(string Access, string Refresh)> TokensAsync(string username = "alice", string password = Password)
    {
        var login = await LoginAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        return (login.AccessToken!, login.RefreshToken!);
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/>, with <c>Authorization: Bearer token</c> unless the token is null.</summary>
    public async Task<Reply> RequestAsync(string path, string? token = null, string method = "GET")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        }

        return await SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _files.Dispose();
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Client.SendAsync(request, timeout.Token);
        return await Reply.ReadAsync(response, timeout.Token);
    }
}

/// <summary>A response read in full: status, headers (response and content), body text and, for JSON, the parsed body.</summary>
internal sealed class Reply
{
    private Reply(HttpStatusCode status, Dictionary<string, string> headers, string text, JsonElement? json)
    {
        Status = status;
        Headers = headers;
        Text = text;
        Json = json;
    }

    public HttpStatusCode Status { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Text { get; }

    public JsonElement? Json { get; }

    public string? AccessToken => StringMember("access_token");

    public string? RefreshToken => StringMember("refresh_token");

    public string? Error => StringMember("error");

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static async Task<Reply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? json = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/json")
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }

        return new Reply(response.StatusCode, headers, text, json);
    }

    private string? StringMember(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
