using System.Text.Json.Serialization;

namespace MixNMatchttp.Auth;

/// <summary>The JSON body of every JWT auth endpoint.</summary>
internal sealed record JwtResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("error")] string? Error);
