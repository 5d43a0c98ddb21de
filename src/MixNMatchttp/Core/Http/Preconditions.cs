using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>
/// The conditional request headers of RFC 9110 §13, evaluated against a representation's strong ETag and
/// Last-Modified in the order of §13.2.2: If-Match (strong comparison), else If-Unmodified-Since, either failing with
/// 412; then If-None-Match (weak comparison), else If-Modified-Since (GET and HEAD only), either matching with 304 for
/// GET and HEAD and 412 for other methods; and If-Range, which decides whether a Range is honoured. Invalid dates,
/// dates in the future and repeated dates are ignored; a malformed entity-tag matches nothing.
/// </summary>
internal static class Preconditions
{
    /// <summary>The status the preconditions answer with: 304 or 412, or 0 to send the representation.</summary>
    public static int Evaluate(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var headers = request.Headers;
        if (headers.IfMatch.Count > 0)
        {
            if (!AnyMatches(headers.IfMatch, etag, weakComparison: false))
            {
                return StatusCodes.Status412PreconditionFailed;
            }
        }
        else if (TryGetDate(headers.IfUnmodifiedSince, out var unmodifiedSince) && lastModified > unmodifiedSince)
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        var isGetOrHead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (headers.IfNoneMatch.Count > 0)
        {
            if (AnyMatches(headers.IfNoneMatch, etag, weakComparison: true))
            {
                return isGetOrHead ? StatusCodes.Status304NotModified : StatusCodes.Status412PreconditionFailed;
            }
        }
        else if (isGetOrHead && TryGetDate(headers.IfModifiedSince, out var modifiedSince) && lastModified <= modifiedSince)
        {
            return StatusCodes.Status304NotModified;
        }

        return 0;
    }

    /// <summary>Whether a Range may be honoured (§13.1.5): no If-Range, or one naming this exact version, by strong
    /// entity-tag or by the very Last-Modified date.</summary>
    public static bool IfRangeAllows(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifRange = request.Headers.IfRange;
        if (ifRange.Count == 0)
        {
            return true;
        }

        if (ifRange.Count > 1)
        {
            return false;
        }

        var value = ifRange.ToString().Trim();
        return value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal)
            ? value == etag
            : HeaderUtilities.TryParseDate(value, out var date) && date == lastModified;
    }

    /// <summary>Whether any member of the entity-tag lists (or <c>*</c>) matches <paramref name="etag"/>.</summary>
    private static bool AnyMatches(StringValues lists, string etag, bool weakComparison)
    {
        foreach (var list in lists)
        {
            var rest = (list ?? string.Empty).AsSpan();
            while (true)
            {
                rest = rest.TrimStart(" \t,");
                if (rest.IsEmpty)
                {
                    break;
                }

                if (rest[0] == '*')
                {
                    return true;
                }

                var weak = rest.StartsWith("W/", StringComparison.Ordinal);
                if (weak)
                {
                    rest = rest[2..];
                }

                var end = rest.Length > 1 && rest[0] == '"' ? rest[1..].IndexOf('"') : -1;
                if (end < 0)
                {
                    return false;
                }

                var tag = rest[..(end + 2)];
                rest = rest[(end + 2)..].TrimStart(" \t");
                if (!rest.IsEmpty && rest[0] != ',')
                {
                    return false;
                }

                if (tag.SequenceEqual(etag) && (weakComparison || !weak))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A single valid HTTP-date that is not in the future.</summary>
    private static bool TryGetDate(StringValues values, out DateTimeOffset date)
    {
        date = default;
        return values.Count == 1 && HeaderUtilities.TryParseDate(values.ToString(), out date) && date <= DateTimeOffset.UtcNow;
    }
}
