using Microsoft.AspNetCore.Http;

namespace MixNMatchttp;

/// <summary>
/// The strict checks of a request's framing that Kestrel leaves to the application, because a proxy in front of the
/// server may read the same bytes differently (request smuggling): no <c>Transfer-Encoding</c> but <c>chunked</c>,
/// header names that are RFC 9110 tokens. (Kestrel hands the application a <c>Content-Length</c> it has already
/// parsed and re-formatted, so a value such as <c>+6</c> is refused before, by <see cref="StrictContentLength"/>.)
/// </summary>
internal static class RequestFraming
{
    /// <summary>Why the request cannot be trusted (400, or 501 for a transfer coding we do not implement); null when it can.</summary>
    public static Denial? Problem(HttpRequest request)
    {
        var headers = request.Headers;
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
