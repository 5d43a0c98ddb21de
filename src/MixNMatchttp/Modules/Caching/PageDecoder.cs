using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Caching;

/// <summary>
/// Reads the page of a <c>POST /echo</c> or <c>POST /cache/{name}</c> request (docs/modules/cache.md): a JSON object whose
/// <c>data</c> is base64, or a URL-encoded form whose <c>data</c> the core has already percent-decoded (once); the
/// optional <c>type</c> becomes the page's Content-Type: text/plain when absent or empty, else it must be a concrete
/// media type of at most <see cref="MaxTypeBytes"/> bytes.
/// </summary>
internal static class PageDecoder
{
    public const string DefaultType = "text/plain";

    /// <summary>The longest <c>type</c> accepted, in bytes.</summary>
    public const int MaxTypeBytes = 255;

    public const string NotJsonOrForm = "the body must be a JSON object (application/json) with base64 'data', or a URL-encoded form with 'data'";
    public const string JsonNotObject = "the JSON body must be an object with base64 'data' and an optional 'type'";
    public const string MissingData = "the 'data' parameter is missing";
    public const string DataNotString = "'data' must be a base64 string";
    public const string DataNotBase64 = "'data' is not valid base64";
    public const string TypeNotString = "'type' must be a string";
    public const string Repeated = "'data' and 'type' may be given only once";
    public const string TypeTooLong = "'type' is longer than 255 bytes";
    public const string TypeInvalid = "'type' is not a media type: write type/subtype with optional parameters, printable ASCII, no wildcards";

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

    /// <summary>The page's Content-Type: text/plain when <paramref name="type"/> is absent or blank, else the type as
    /// given (trimmed) when it is a concrete media type (<c>type/subtype</c>, optional parameters, printable ASCII) of at
    /// most <see cref="MaxTypeBytes"/> bytes; otherwise the reason it is refused.</summary>
    public static (string? Type, string? Error) ValidateType(string? type)
    {
        var trimmed = type?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return (DefaultType, null);
        }

        if (trimmed.Length > MaxTypeBytes)
        {
            return (null, TypeTooLong);
        }

        return !trimmed.AsSpan().ContainsAnyExceptInRange(' ', '~')
            && MediaTypeHeaderValue.TryParse(trimmed, out var media) && !media.MatchesAllTypes && !media.MatchesAllSubTypes
            ? (trimmed, null)
            : (null, TypeInvalid);
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

            if (!TryGetString(typeValue, out type))
            {
                return (null, TypeInvalid);
            }
        }

        if (!json.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return (null, MissingData);
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            return (null, DataNotString);
        }

        var (contentType, typeError) = ValidateType(type);
        if (typeError is not null)
        {
            return (null, typeError);
        }

        if (!TryGetString(data, out var text))
        {
            return (null, DataNotBase64);
        }

        var buffer = new byte[(text.Length / 4 * 3) + 3];
        return Convert.TryFromBase64String(text, buffer, out var length)
            ? (new Page(buffer.AsMemory(0, length), contentType!), null)
            : (null, DataNotBase64);
    }

    /// <summary>A JSON string's text; false when its escapes make no valid Unicode (a lone surrogate).</summary>
    private static bool TryGetString(JsonElement value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
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

        var (contentType, typeError) = ValidateType(type.ToString());
        return typeError is null ? (new Page(Encoding.UTF8.GetBytes(data.ToString()), contentType!), null) : (null, typeError);
    }
}
