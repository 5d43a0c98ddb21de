using System.Net.Http.Json;
using System.Text.Json;
using MixNMatchttp.Auth;

namespace Mix;

/// <summary>Logs a benchmark user in against the running server and returns the request header that carries the session.</summary>
internal static class Credentials
{
    private const string Password = "Bench!Passw0rd";

    public static async Task<string> LogInAsync(AuthModule auth, Uri server)
    {
        await auth.AddUserAsync("bench", Password).ConfigureAwait(false);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server };
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent([new("username", "bench"), new("password", Password)])).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (auth is JwtAuth)
        {
            var tokens = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
            return $"Authorization: Bearer {tokens.GetProperty("access_token").GetString()}";
        }

        return "Cookie: " + response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }
}
