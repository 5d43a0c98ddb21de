using System.Buffers;
using System.Text;

namespace MixNMatchttp;

/// <summary>
/// The request target split into path and query, the path percent-decoded and canonicalized
/// (docs/behaviour.md, "The request target"). Paths that need no change keep the same string instance.
/// </summary>
/// <param name="RawTarget">The request target exactly as sent.</param>
/// <param name="RawPath">The path exactly as sent (not decoded, not canonicalized).</param>
/// <param name="DecodedPath">The percent-decoded path as sent.</param>
/// <param name="CanonicalPath">The decoded path with '.', '..' and empty segments resolved.</param>
/// <param name="Query">The query as sent, without the '?' (and without a fragment).</param>
internal readonly record struct RequestTarget(string RawTarget, string RawPath, string DecodedPath, string CanonicalPath, string Query)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses an origin-form target; returns a one-line reason when it cannot be served.</summary>
    public static string? TryParse(string rawTarget, out RequestTarget target)
    {
        target = default;
        if (rawTarget.Length == 0 || rawTarget[0] != '/')
        {
            return rawTarget == "*"
                ? "the asterisk-form request target (OPTIONS *) is not supported: ask about a path"
                : "only origin-form request targets (starting with '/') are supported";
        }

        var end = rawTarget.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? rawTarget : rawTarget[..end];
        var query = string.Empty;
        if (end >= 0 && rawTarget[end] == '?')
        {
            var fragment = rawTarget.IndexOf('#', end);
            query = fragment < 0 ? rawTarget[(end + 1)..] : rawTarget[(end + 1)..fragment];
        }

        var decoded = PercentDecode(path);
        if (decoded is null)
        {
            return "the path is not valid UTF-8 once percent-decoded";
        }

        if (HttpSyntax.HasControlCharacters(decoded))
        {
            return "the path contains control characters";
        }

        target = new RequestTarget(rawTarget, path, decoded, Canonicalize(decoded), query);
        return null;
    }

    /// <summary>Decodes %XX escapes as UTF-8; malformed escapes stay as sent; null when the bytes are not UTF-8.</summary>
    public static string? PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
                {
                    buffer[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                    i += 2;
                }
                else
                {
                    length += Encoding.UTF8.GetBytes(text.AsSpan(i, char.IsSurrogatePair(text, i) ? 2 : 1), buffer.AsSpan(length));
                    if (char.IsHighSurrogate(text[i]))
                    {
                        i++;
                    }
                }
            }

            return StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Resolves '.', '..' and empty segments; never climbs above '/'. A trailing slash is kept.
    /// Returns <paramref name="path"/> itself when it is already canonical.
    /// </summary>
    public static string Canonicalize(string path)
    {
        if (IsCanonical(path))
        {
            return path;
        }

        var segments = new List<string>();
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path[range];
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var canonical = "/" + string.Join('/', segments);
        return path.EndsWith('/') && segments.Count > 0 ? canonical + "/" : canonical;
    }

    private static bool IsCanonical(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        var span = path.AsSpan(1);
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            var isLast = range.End.Value == span.Length;
            if ((segment.IsEmpty && !isLast) || segment.SequenceEqual(".") || segment.SequenceEqual(".."))
            {
                return false;
            }
        }

        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
