using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MixNMatchttp.Auth.Tests.Jwt;

/// <summary>The JWT flows of docs/modules/auth.md over a real loopback server: login, bearer access, refresh (with rotation),
/// logout, registration, password change, and the methods each endpoint allows.</summary>
public sealed partial class JwtFlowTests
{
    [Theory]
    [InlineData(ParamStyle.Form)]
    [InlineData(ParamStyle.Json)]
    [InlineData(ParamStyle.Query)]
    public async Task Login_Answers200Json_WithAccessTokenHexRefreshTokenAndNullError(ParamStyle style)
    {
        await using var server = await JwtServer.StartAsync();

        var login = await server.LoginAsync(style: style);

        Assert.Equal(HttpStatusCode.OK, login.Status);
        var json = Assert.NotNull(login.Json);
        Assert.Equal(["access_token", "error", "refresh_token"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
        Assert.Matches(RefreshTokenPattern(), login.RefreshToken!);
        Assert.Equal(3, login.AccessToken!.Split('.').Length);
    }

    [Fact]
    public async Task LoginAccessToken_HasConfiguredAlgKidAndSubIatNbfExp_FifteenMinutes()
    {
        await using var server = await JwtServer.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var (access, _) = await server.TokensAsync();

        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (header, payload) = JwtCraft.Decode(access);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("kid").GetString()));
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        var iat = payload.GetProperty("iat").GetInt64();
        var nbf = payload.GetProperty("nbf").GetInt64();
        var exp = payload.GetProperty("exp").GetInt64();
        Assert.InRange(iat, before - 1, after + 1);
        Assert.True(iat < exp, $"iat {iat} must be before exp {exp} (the seed issued iat == exp)");
        Assert.Equal(15 * 60, exp - iat);
        Assert.InRange(nbf, iat - 1, iat);
    }

    [Fact]
    public async Task ConfiguredAccessTokenLifetime_IsExpMinusIat()
    {
        await using var server = await JwtServer.StartAsync(new JwtOptions { Passphrase = JwtServer.Passphrase, AccessTokenLifetime = TimeSpan.FromMinutes(2) });

        var (access, _) = await server.TokensAsync();

        var (_, payload) = JwtCraft.Decode(access);
        Assert.Equal(120, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task EveryLogin_IssuesAFreshPair()
    {
        await using var server = await JwtServer.StartAsync();

        var first = await server.TokensAsync();
        var second = await server.TokensAsync();

        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.NotEqual(first.Access, second.Access);
    }

    [Theory]
    [InlineData("alice", "wrong-Passw0rd!", ParamStyle.Form)]
    [InlineData("alice", "wrong-Passw0rd!", ParamStyle.Json)]
    [InlineData("alice", "wrong-Passw0rd!", ParamStyle.Query)]
    [InlineData("alice", "", ParamStyle.Form)]
    [InlineData("alice", "str0ng!passw0rd", ParamStyle.Form)]
    [InlineData("Alice", JwtServer.Password, ParamStyle.Form)]
    [InlineData("nobody", JwtServer.Password, ParamStyle.Form)]
    [InlineData("alice", null, ParamStyle.Form)]
    [InlineData(null, JwtServer.Password, ParamStyle.Json)]
    [InlineData("", JwtServer.Password, ParamStyle.Form)]
    [InlineData(null, null, ParamStyle.Form)]
    [InlineData(null, null, ParamStyle.Query)]
    public async Task LoginWithWrongOrMissingCredentials_Is401Json_WithErrorNullTokensAndBearerChallenge(string? username, string? password, ParamStyle style)
    {
        await using var server = await JwtServer.StartAsync();

        var login = await server.PostAsync("/login", style, ("username", username), ("password", password));

        AssertJsonFailure(login, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BearerAccessToken_OpensTheProtectedEndpointAsItsUser_AndTheProtectedFile()
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync("bob");

        var endpoint = await server.RequestAsync("/secret", access);
        var post = await server.RequestAsync("/secret", access, "POST");
        var file = await server.RequestAsync(JwtServer.ProtectedFile, access);

        Assert.Equal(HttpStatusCode.OK, endpoint.Status);
        Assert.Equal("user=bob", endpoint.Text);
        Assert.Equal(HttpStatusCode.OK, post.Status);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal(JwtServer.ProtectedFileContent, file.Text);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task BearerScheme_IsCaseInsensitive(string scheme)
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync();

        var response = await server.Host.RawAsync("GET", "/secret", $"Authorization: {scheme} {access}\r\n");

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("/secret")]
    [InlineData("/secret/")]
    [InlineData("/SECRET")]
    [InlineData(JwtServer.ProtectedFile)]
    public async Task ProtectedPath_WithoutToken_Is401(string path)
    {
        await using var server = await JwtServer.StartAsync();

        var response = await server.RequestAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.DoesNotContain(JwtServer.ProtectedFileContent, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessRuleOnARole_IsDecidedByTheTokensUser()
    {
        await using var server = await JwtServer.StartAsync(configure: o => o.AccessRules.Add(new AccessRule("^GET /secret(/|$)", ["#admin"])));
        var (alice, _) = await server.TokensAsync();
        var (bob, _) = await server.TokensAsync("bob");

        Assert.Equal("user=bob", (await server.RequestAsync("/secret", bob)).Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.RequestAsync("/secret", alice)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret")).Status);
    }

    [Fact]
    public async Task UnprotectedFile_NeedsNoToken()
    {
        await using var server = await JwtServer.StartAsync();

        var response = await server.RequestAsync("/public.txt");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("public", response.Text);
    }

    /// <summary>RFC 9110 §15.5.2: a 401 must carry a WWW-Authenticate challenge; for bearer tokens it names Bearer (RFC 6750 §3).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProtectedPath401_ChallengesWithBearer(bool withInvalidToken)
    {
        await using var server = await JwtServer.StartAsync();

        var response = await server.RequestAsync("/secret", withInvalidToken ? "a.b.c" : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.StartsWith("Bearer", response.Header("WWW-Authenticate") ?? "(none)", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefreshTokenAsBearer_DoesNotOpenProtectedPaths()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, refresh) = await server.TokensAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync("/secret", refresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.RequestAsync(JwtServer.ProtectedFile, refresh)).Status);
    }

    [Theory]
    [InlineData(ParamStyle.Query, "/secret")]
    [InlineData(ParamStyle.Query, JwtServer.ProtectedFile)]
    [InlineData(ParamStyle.Form, "/secret")]
    [InlineData(ParamStyle.Json, "/secret")]
    public async Task RefreshTokenAsParameter_DoesNotOpenProtectedPaths(ParamStyle style, string path)
    {
        await using var server = await JwtServer.StartAsync();
        var (_, refresh) = await server.TokensAsync();

        var response = style == ParamStyle.Query
            ? await server.RequestAsync($"{path}?refresh_token={refresh}")
            : await server.PostAsync(path, style, ("refresh_token", refresh));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.DoesNotContain("user=", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParamStyle.Form)]
    [InlineData(ParamStyle.Json)]
    [InlineData(ParamStyle.Query)]
    public async Task AuthToken_GivesANewAccessTokenAndANewRefreshToken_ThatWork(ParamStyle style)
    {
        await using var server = await JwtServer.StartAsync();
        var (access, refresh) = await server.TokensAsync("bob");

        var renewed = await server.RefreshAsync(refresh, style);

        Assert.Equal(HttpStatusCode.OK, renewed.Status);
        Assert.Equal(JsonValueKind.Null, renewed.Json!.Value.GetProperty("error").ValueKind);
        Assert.Matches(RefreshTokenPattern(), renewed.RefreshToken!);
        Assert.NotEqual(refresh, renewed.RefreshToken);
        Assert.NotEqual(access, renewed.AccessToken);
        Assert.Equal("bob", JwtCraft.Decode(renewed.AccessToken!).Payload.GetProperty("sub").GetString());
        Assert.Equal("user=bob", (await server.RequestAsync("/secret", renewed.AccessToken)).Text);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(renewed.RefreshToken)).Status);
    }

    [Fact]
    public async Task RotatedRefreshToken_IsRejectedOnReuse()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, refresh) = await server.TokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(refresh)).Status);

        var reuse = await server.RefreshAsync(refresh);

        AssertJsonFailure(reuse, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutRotation_TheSameRefreshTokenKeepsWorking()
    {
        await using var server = await JwtServer.StartAsync(new JwtOptions { Passphrase = JwtServer.Passphrase, RotateRefreshTokens = false });
        var (_, refresh) = await server.TokensAsync();

        for (var i = 0; i < 3; i++)
        {
            var renewed = await server.RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.OK, renewed.Status);
            Assert.Equal(refresh, renewed.RefreshToken);
            Assert.Equal(HttpStatusCode.OK, (await server.RequestAsync("/secret", renewed.AccessToken)).Status);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123")]
    public async Task AuthTokenWithMissingOrUnknownRefreshToken_Is401Json(string? token)
    {
        await using var server = await JwtServer.StartAsync();
        await server.TokensAsync();

        AssertJsonFailure(await server.RefreshAsync(token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessTokenAsRefreshToken_Is401()
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync();

        AssertJsonFailure(await server.RefreshAsync(access), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", ParamStyle.Form)]
    [InlineData("POST", ParamStyle.Json)]
    [InlineData("POST", ParamStyle.Query)]
    [InlineData("GET", ParamStyle.Query)]
    public async Task Logout_KillsThatRefreshTokenOnly(string method, ParamStyle style)
    {
        await using var server = await JwtServer.StartAsync();
        var (_, loggedOut) = await server.TokensAsync();
        var (_, other) = await server.TokensAsync();

        var logout = method == "GET"
            ? await server.RequestAsync($"/logout?refresh_token={loggedOut}")
            : await server.PostAsync("/logout", style, ("refresh_token", loggedOut));

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        AssertJsonFailure(await server.RefreshAsync(loggedOut), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(other)).Status);
    }

    [Fact]
    public async Task LogoutWithoutRefreshToken_Is200()
    {
        await using var server = await JwtServer.StartAsync();

        var logout = await server.PostAsync("/logout", ParamStyle.Form);

        Assert.Equal(HttpStatusCode.OK, logout.Status);
    }

    [Theory]
    [InlineData(ParamStyle.Form)]
    [InlineData(ParamStyle.Json)]
    [InlineData(ParamStyle.Query)]
    public async Task Register_CreatesTheUserAndAnswersItsTokens(ParamStyle style)
    {
        await using var server = await JwtServer.StartAsync();

        var register = await server.PostAsync("/register", style, ("username", "carol"), ("password", "An0ther!Passw0rd"));

        Assert.Equal(HttpStatusCode.OK, register.Status);
        Assert.Null(register.Error);
        Assert.Matches(RefreshTokenPattern(), register.RefreshToken!);
        Assert.Equal("carol", JwtCraft.Decode(register.AccessToken!).Payload.GetProperty("sub").GetString());
        Assert.Equal("user=carol", (await server.RequestAsync("/secret", register.AccessToken)).Text);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(register.RefreshToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.LoginAsync("carol", "An0ther!Passw0rd")).Status);
    }

    [Theory]
    [InlineData("alice", "An0ther!Passw0rd", null, HttpStatusCode.BadRequest)]
    [InlineData("carol", "short1!A", null, HttpStatusCode.BadRequest)]
    [InlineData("carol", "alllowercaseletters", null, HttpStatusCode.BadRequest)]
    [InlineData("carol", null, null, HttpStatusCode.BadRequest)]
    [InlineData("carol", "An0ther!Passw0rd", "admin", HttpStatusCode.Unauthorized)]
    public async Task RegisterRefused_IsJsonWithErrorAndNoTokens(string username, string? password, string? roles, HttpStatusCode status)
    {
        await using var server = await JwtServer.StartAsync();

        var register = await server.PostAsync("/register", ParamStyle.Form, ("username", username), ("password", password), ("roles", roles));

        AssertJsonFailure(register, status);
    }

    [Fact]
    public async Task ChangePassword_KillsOldRefreshTokens_IssuesAWorkingPair_AndOnlyTheNewPasswordLogsIn()
    {
        await using var server = await JwtServer.StartAsync();
        var (_, first) = await server.TokensAsync();
        var (_, second) = await server.TokensAsync();
        var (_, bobs) = await server.TokensAsync("bob");

        var change = await server.PostAsync("/changepwd", ParamStyle.Form, ("username", "alice"), ("password", JwtServer.Password), ("new_password", "N3w!Passw0rd-x"));

        Assert.Equal(HttpStatusCode.OK, change.Status);
        Assert.Null(change.Error);
        AssertJsonFailure(await server.RefreshAsync(first), HttpStatusCode.Unauthorized);
        AssertJsonFailure(await server.RefreshAsync(second), HttpStatusCode.Unauthorized);
        Assert.Equal("user=alice", (await server.RequestAsync("/secret", change.AccessToken)).Text);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(change.RefreshToken)).Status);
        AssertJsonFailure(await server.LoginAsync("alice", JwtServer.Password), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await server.LoginAsync("alice", "N3w!Passw0rd-x")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.RefreshAsync(bobs)).Status);
    }

    [Theory]
    [InlineData("wrong-Passw0rd!", "N3w!Passw0rd-x", HttpStatusCode.Unauthorized)]
    [InlineData(JwtServer.Password, "weak", HttpStatusCode.BadRequest)]
    [InlineData(JwtServer.Password, null, HttpStatusCode.BadRequest)]
    public async Task ChangePasswordRefused_KeepsTheOldPassword(string password, string? newPassword, HttpStatusCode status)
    {
        await using var server = await JwtServer.StartAsync();

        var change = await server.PostAsync("/changepwd", ParamStyle.Json, ("username", "alice"), ("password", password), ("new_password", newPassword));

        AssertJsonFailure(change, status);
        Assert.Equal(HttpStatusCode.OK, (await server.LoginAsync()).Status);
    }

    [Theory]
    [InlineData("DELETE", "/login", "GET")]
    [InlineData("PUT", "/login", "POST")]
    [InlineData("GET", "/authtoken", "POST")]
    [InlineData("GET", "/register", "POST")]
    [InlineData("GET", "/changepwd", "POST")]
    [InlineData("DELETE", "/logout", "GET")]
    [InlineData("PUT", "/secret", "GET")]
    public async Task MethodNotAllowed_Is405WithAllow(string method, string path, string allowed)
    {
        await using var server = await JwtServer.StartAsync();
        var (access, _) = await server.TokensAsync();

        var response = await server.RequestAsync(path, access, method);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains(allowed, response.Header("Allow") ?? string.Empty, StringComparison.Ordinal);
    }

    internal static void AssertJsonFailure(Reply reply, HttpStatusCode status)
    {
        Assert.Equal(status, reply.Status);
        var json = Assert.NotNull(reply.Json);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("access_token").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("refresh_token").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(reply.Error), "the error must say what went wrong");
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.StartsWith("Bearer", reply.Header("WWW-Authenticate") ?? "(none)", StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("^[0-9a-f]{100}$")]
    private static partial Regex RefreshTokenPattern();
}
