using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Caching;

/// <summary>
/// Reads the page of a <c>POST /echo</c> or <c>POST /cache/{name}</c> request (SPEC §6): a JSON object whose
/// <c>data</c> is base64, or a URL-encoded form whose <c>data</c> the core has already percent-decoded (once); the
/// optional <c>type</c> becomes the page's Content-Type, text/plain when absent or not a valid media type.
/// </summary>
internal static class PageDecoder
{
    public const string DefaultType = "text/plain";

    public const string NotJsonOrForm = "the body must be a JSON object (application/json) with base64 'data', or a URL-encoded form with 'data'";
    public const string JsonNotObject = "the JSON body must be an object with base64 'data' and an optional 'type'";
    public const string MissingData = "the 'data' parameter is missing";
    public const string DataNotString = "'data' must be a base64 string";
    public const string DataNotBase64 = "'data' is not valid base64";
    public const string TypeNotString = "'type' must be a string";
    public const string Repeated = "'data' and 'type' may be given only once";

    /// <summary>The page the request carries, or a one-line reason why it carries none.</summary>
    public static (Page? Page, string? Error) Decode(RequestContext context)
    {
        if (context.Json is { } json)
        {
            return FromJson(json);
        }

        if (context.Form is { } form)
        {
            return FromForm(form);
        }

        return (null, NotJsonOrForm);
    }

    /// <summary>The page's Content-Type: <paramref name="type"/> when it is a concrete media type (<c>type/subtype</c>,
    /// optional parameters, printable ASCII), else text/plain.</summary>
    public static string NormalizeType(string? type)
    {
        var trimmed = type?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return DefaultType;
        }

        return MediaTypeHeaderValue.TryParse(trimmed, out var media) && !media.MatchesAllTypes && !media.MatchesAllSubTypes
            ? trimmed
            : DefaultType;
    }

    private static (Page?, string?) FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, JsonNotObject);
        }

        string? type = null;
        if (json.TryGetProperty("type", out var typeValue) && typeValue.ValueKind != JsonValueKind.Null)
        {
            if (typeValue.ValueKind != JsonValueKind.String)
            {
                return (null, TypeNotString);
            }

            type = typeValue.GetString();
        }

        if (!json.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return (null, MissingData);
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            return (null, DataNotString);
        }

        var text = data.GetString()!;
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(text, buffer, out var length)
            ? (new Page(buffer.AsMemory(0, length), NormalizeType(type)), null)
            : (null, DataNotBase64);
    }

    private static (Page?, string?) FromForm(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        form.TryGetValue("type", out var type);
        if (!form.TryGetValue("data", out var data))
        {
            return (null, MissingData);
        }

        if (data.Count > 1 || type.Count > 1)
        {
            return (null, Repeated);
        }

        return (new Page(Encoding.UTF8.GetBytes(data.ToString()), NormalizeType(type.ToString())), null);
    }
}
