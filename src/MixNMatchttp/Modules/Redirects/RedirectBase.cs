using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace MixNMatchttp.Redirects;

/// <summary>
/// Where a relative <c>/goto</c> address is resolved against (docs/modules/goto.md): the first request header, in the order
/// Referer, Origin, X-Forwarded-Host, X-Forwarded-For, Forwarded, that gives a usable host.
/// </summary>
/// <param name="Origin">The scheme and host, e.g. <c>https://example.com:8443</c> (or <c>//host</c> for a
/// scheme-relative Referer).</param>
/// <param name="Directory">The directory of the referring page, starting and ending with '/'; '/' when the header has
/// no path (every header but Referer).</param>
internal readonly record struct RedirectBase(string Origin, string Directory)
{
    private const string DefaultScheme = "http";

    /// <summary>The base the headers give, or null when none of them gives a host.</summary>
    public static RedirectBase? From(IHeaderDictionary headers)
    {
        var forwardedProto = FirstListItem(headers["X-Forwarded-Proto"].ToString());
        var proto = GotoAddress.IsScheme(forwardedProto) ? forwardedProto : DefaultScheme;
        return FromUrl(headers.Referer.ToString(), withPath: true)
            ?? FromUrl(headers.Origin.ToString(), withPath: false)
            ?? FromHost(proto, FirstListItem(headers["X-Forwarded-Host"].ToString()))
            ?? FromHost(proto, Bracketed(FirstListItem(headers["X-Forwarded-For"].ToString())))
            ?? FromForwarded(headers["Forwarded"].ToString());
    }

    /// <summary>Parses <c>scheme://host/path</c> (or <c>//host/path</c>); the path is kept up to its last '/'.</summary>
    private static RedirectBase? FromUrl(string url, bool withPath)
    {
        url = url.Trim();
        var separator = url.IndexOf("//", StringComparison.Ordinal);
        if (separator < 0 || (separator > 0 && (url[separator - 1] != ':' || !GotoAddress.IsScheme(url.AsSpan(0, separator - 1)))))
        {
            return null;
        }

        var authorityStart = separator + 2;
        var authorityEnd = url.AsSpan(authorityStart).IndexOfAny("/?#");
        authorityEnd = authorityEnd < 0 ? url.Length : authorityStart + authorityEnd;
        var host = url[authorityStart..authorityEnd];
        if (!IsAuthority(host))
        {
            return null;
        }

        var directory = "/";
        if (withPath && authorityEnd < url.Length && url[authorityEnd] == '/')
        {
            var pathEnd = url.AsSpan(authorityEnd).IndexOfAny('?', '#');
            var path = pathEnd < 0 ? url.AsSpan(authorityEnd) : url.AsSpan(authorityEnd, pathEnd);
            directory = path[..(path.LastIndexOf('/') + 1)].ToString();
        }

        return new RedirectBase(url[..authorityStart] + host, directory);
    }

    private static RedirectBase? FromHost(string scheme, string host) =>
        IsAuthority(host) ? new RedirectBase($"{scheme}://{host}", "/") : null;

    /// <summary>RFC 7239: the first element with a usable <c>host=</c>, else <c>for=</c>; its <c>proto=</c> or http.</summary>
    private static RedirectBase? FromForwarded(string header)
    {
        foreach (var element in SplitOutsideQuotes(header, ','))
        {
            string? host = null, forwardedFor = null, proto = null;
            foreach (var pair in SplitOutsideQuotes(element, ';'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var key = pair[..equals].Trim();
                var value = Unquote(pair[(equals + 1)..].Trim());
                if (key.Equals("host", StringComparison.OrdinalIgnoreCase))
                {
                    host ??= value;
                }
                else if (key.Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    forwardedFor ??= value;
                }
                else if (key.Equals("proto", StringComparison.OrdinalIgnoreCase))
                {
                    proto ??= value;
                }
            }

            var scheme = proto is not null && GotoAddress.IsScheme(proto) ? proto : DefaultScheme;
            if (host is not null && FromHost(scheme, host) is { } byHost)
            {
                return byHost;
            }

            // "unknown" and obfuscated identifiers ("_hidden") name no host.
            if (forwardedFor is not null && !forwardedFor.Equals("unknown", StringComparison.OrdinalIgnoreCase)
                && !forwardedFor.StartsWith('_') && FromHost(scheme, Bracketed(forwardedFor)) is { } byFor)
            {
                return byFor;
            }
        }

        return null;
    }

    /// <summary>Puts a bare IPv6 address in brackets, as a URL's host needs it.</summary>
    private static string Bracketed(string address) =>
        !address.StartsWith('[') && address.Contains(':', StringComparison.Ordinal)
            && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : address;

    /// <summary>Whether <paramref name="host"/> can stand as a URL's authority: non-empty, only the characters RFC 3986
    /// allows there (no '/', '?', '#', spaces, quotes or controls).</summary>
    private static bool IsAuthority(string host)
    {
        if (host.Length == 0)
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"-._~!$&'()*+,;=:@[]%".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstListItem(string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? value : value[..comma]).Trim();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : value;

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}
