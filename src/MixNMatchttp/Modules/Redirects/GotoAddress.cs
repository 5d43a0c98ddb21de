using System.Text;

namespace MixNMatchttp.Redirects;

/// <summary>
/// The address of a <c>/goto/{address}</c> request as sent: the part of the raw request target after the
/// <c>goto</c> endpoint's '/' (neither percent-decoded nor canonicalized), with the query string and fragment
/// that follow it.
/// </summary>
internal static class GotoAddress
{
    /// <summary>
    /// Finds the raw text of <paramref name="args"/>, the endpoint's (decoded, un-canonical) arguments, in
    /// <paramref name="rawPath"/>, and appends <paramref name="rest"/> (the query and fragment as sent). An empty
    /// string when the path ends at the endpoint's name without a '/' (<c>/goto</c>, <c>/goto?x</c>).
    /// </summary>
    public static string FromRawTarget(string rawPath, string rest, string args)
    {
        var decoded = RequestTarget.PercentDecode(rawPath);
        if (decoded is null || !decoded.EndsWith(args, StringComparison.Ordinal))
        {
            // Only when a path prefix was matched after canonicalization: the arguments are then canonical.
            return EscapeForLocation(args) + rest;
        }

        var prefixLength = decoded.Length - args.Length;
        if (args.Length == 0 && !decoded.EndsWith('/'))
        {
            return string.Empty;
        }

        var rawArgs = RawSuffix(rawPath, Encoding.UTF8.GetByteCount(decoded.AsSpan(0, prefixLength)));
        return (rawArgs ?? EscapeForLocation(args)) + rest;
    }

    /// <summary>Whether the address is absolute: it has a scheme (RFC 3986: <c>scheme:</c>) or a host
    /// (<c>//host</c>), so it is sent as it is.</summary>
    public static bool IsAbsolute(string address)
    {
        if (address.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && IsScheme(address.AsSpan(0, colon));
    }

    /// <summary>Whether <paramref name="text"/> is a URI scheme: a letter, then letters, digits, '+', '-' or '.'.</summary>
    public static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> holds a control character, raw or percent-encoded (<c>%00</c>-<c>%1F</c>,
    /// <c>%7F</c>): such an address could split the response or a later hop's request.</summary>
    public static bool HasControlCharacters(string text)
    {
        if (HttpSyntax.HasControlCharacters(text))
        {
            return true;
        }

        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 2 < text.Length; i = text.IndexOf('%', i + 1))
        {
            var high = text[i + 1];
            var low = text[i + 2];
            if (((high is '0' or '1') && char.IsAsciiHexDigit(low)) || (high == '7' && low is 'f' or 'F'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The part of <paramref name="rawPath"/> after the first <paramref name="decodedBytes"/> bytes of its
    /// percent-decoding (escapes decode as <see cref="RequestTarget.PercentDecode"/> does); null when no escape boundary
    /// falls there.</summary>
    private static string? RawSuffix(string rawPath, int decodedBytes)
    {
        var bytes = 0;
        var i = 0;
        while (bytes < decodedBytes && i < rawPath.Length)
        {
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && char.IsAsciiHexDigit(rawPath[i + 1]) && char.IsAsciiHexDigit(rawPath[i + 2]))
            {
                bytes++;
                i += 3;
            }
            else if (char.IsSurrogatePair(rawPath, i))
            {
                bytes += 4;
                i += 2;
            }
            else
            {
                bytes += Encoding.UTF8.GetByteCount(rawPath.AsSpan(i, 1));
                i++;
            }
        }

        return bytes == decodedBytes ? rawPath[i..] : null;
    }

    /// <summary>Re-encodes decoded arguments: '%', spaces, control and non-ASCII characters are percent-encoded.</summary>
    private static string EscapeForLocation(string args)
    {
        var text = args.Replace("%", "%25", StringComparison.Ordinal);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < ' ' || c == '\x7f')
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return HttpSyntax.EscapeNonAscii(builder.ToString());
    }
}
