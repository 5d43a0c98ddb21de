namespace MixNMatchttp.Tests.CrossOrigin;

/// <summary>
/// Every cell of the CORS lab matrix at the HTTP level: {echo + credentials, echo, * + credentials, *, no CORS module}
/// × {simple GET, form POST, preflight for PUT with a custom header}, with the exact headers each answer carries.
/// </summary>
public sealed class CorsLabMatrixTests
{
    private const string Preflight = "preflight";

    [Theory]
    [InlineData("echo+creds", "GET", CorsHost.Origin, "true", CorsHost.DefaultAllowMethods, "Origin")]
    [InlineData("echo+creds", "POST", CorsHost.Origin, "true", CorsHost.DefaultAllowMethods, "Origin")]
    [InlineData("echo+creds", Preflight, CorsHost.Origin, "true", "GET, HEAD, POST, PUT", "Origin")]
    [InlineData("echo", "GET", CorsHost.Origin, null, CorsHost.DefaultAllowMethods, "Origin")]
    [InlineData("echo", "POST", CorsHost.Origin, null, CorsHost.DefaultAllowMethods, "Origin")]
    [InlineData("echo", Preflight, CorsHost.Origin, null, "GET, HEAD, POST, PUT", "Origin")]
    [InlineData("*+creds", "GET", "*", "true", CorsHost.DefaultAllowMethods, null)]
    [InlineData("*+creds", "POST", "*", "true", CorsHost.DefaultAllowMethods, null)]
    [InlineData("*+creds", Preflight, "*", "true", "GET, HEAD, POST, PUT", null)]
    [InlineData("*", "GET", "*", null, CorsHost.DefaultAllowMethods, null)]
    [InlineData("*", "POST", "*", null, CorsHost.DefaultAllowMethods, null)]
    [InlineData("*", Preflight, "*", null, "GET, HEAD, POST, PUT", null)]
    [InlineData("none", "GET", null, null, null, null)]
    [InlineData("none", "POST", null, null, null, null)]
    [InlineData("none", Preflight, null, null, null, null)]
    public async Task LabCell_AnswersWithExactlyTheExpectedCorsHeaders(string mode, string request, string? allowOrigin, string? allowCredentials, string? allowMethods, string? vary)
    {
        await using var host = await CorsHost.StartAsync(CorsHost.Mode(mode));
        var response = request switch
        {
            "GET" => await host.RawAsync("GET", "/data", $"Origin: {CorsHost.Origin}\r\n"),
            "POST" => await host.RawAsync("POST", "/data", $"Origin: {CorsHost.Origin}\r\nContent-Type: application/x-www-form-urlencoded\r\n", "a=1&b=2"),
            _ => await host.RawAsync("OPTIONS", "/data", $"Origin: {CorsHost.Origin}\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: X-Custom\r\n"),
        };

        Assert.Equal(request == Preflight ? 204 : 200, response.Status);
        Assert.Equal(allowOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal(allowCredentials, Single(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(mode == "none" ? null : CorsHost.DefaultAllowHeaders, Single(response, "Access-Control-Allow-Headers"));
        Assert.Equal(allowMethods, Single(response, "Access-Control-Allow-Methods"));
        Assert.Equal(vary, Single(response, "Vary"));
        Assert.Null(Single(response, "Access-Control-Expose-Headers"));
        Assert.Null(Single(response, "Access-Control-Max-Age"));
        if (request == Preflight)
        {
            Assert.Equal("GET, HEAD, POST, PUT", response.Header("Allow"));
        }
        else
        {
            Assert.Equal("data", response.Text);
        }
    }

    /// <summary>The header's only value; fails when it was sent more than once.</summary>
    private static string? Single(RawResponse response, string name)
    {
        var values = response.HeaderValues(name).ToList();
        Assert.True(values.Count <= 1, $"{name} was sent {values.Count} times: {string.Join(" | ", values)}");
        return values.FirstOrDefault();
    }
}
