using System.Buffers.Text;
using System.Text.Json;

namespace MixNMatchttp.Auth;

/// <summary>
/// Checks the JSON types of the members the token handler reads leniently: <c>exp</c> must be a number, <c>nbf</c> and
/// <c>iat</c> numbers when present (RFC 7519 NumericDate: a string "exp" is refused, not converted), and a <c>kid</c>
/// header, when present, a string naming our key (RFC 7515 makes kid optional: tokens of other tools often omit it).
/// </summary>
internal sealed class JwtMemberTypes(string keyId)
{
    private static readonly string[] OptionalDates = ["nbf", "iat"];

    /// <summary>Whether the header and payload of a compact token (already validated by signature) are well typed.</summary>
    public bool AreValid(string encodedHeader, string encodedPayload)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedHeader));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedPayload));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (header.RootElement.TryGetProperty("kid", out var kid) && (kid.ValueKind != JsonValueKind.String || kid.GetString() != keyId))
            {
                return false;
            }

            var claims = payload.RootElement;
            return claims.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number
                && OptionalDates.All(name => !claims.TryGetProperty(name, out var date) || date.ValueKind == JsonValueKind.Number);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }
}
