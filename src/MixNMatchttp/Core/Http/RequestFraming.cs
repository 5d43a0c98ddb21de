using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp;

/// <summary>
/// The strict checks of a request's framing that Kestrel leaves to the application, because a proxy in front of the
/// server may read the same bytes differently (request smuggling): a <c>Content-Length</c> of digits only, no
/// <c>Transfer-Encoding</c> but <c>chunked</c>, header names that are RFC 9110 tokens.
/// </summary>
internal static class RequestFraming
{
    /// <summary>Why the request cannot be trusted (400, or 501 for a transfer coding we do not implement); null when it can.</summary>
    public static Denial? Problem(HttpRequest request)
    {
        var headers = request.Headers;
        foreach (var value in headers[HeaderNames.ContentLength])
        {
            if (string.IsNullOrEmpty(value) || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return new Denial(StatusCodes.Status400BadRequest, "Bad Request", "Content-Length must be digits only");
            }
        }

        var transferEncoding = headers.TransferEncoding;
        if (transferEncoding.Count > 0 && !(transferEncoding.Count == 1 && string.Equals(transferEncoding[0]?.Trim(), "chunked", StringComparison.OrdinalIgnoreCase)))
        {
            return new Denial(StatusCodes.Status501NotImplemented, "Not Implemented", "the only transfer coding accepted is chunked");
        }

        foreach (var header in headers)
        {
            if (!HttpSyntax.IsToken(header.Key))
            {
                return new Denial(StatusCodes.Status400BadRequest, "Bad Request", $"'{HttpSyntax.Printable(header.Key)}' is not a header name");
            }
        }

        return null;
    }
}
