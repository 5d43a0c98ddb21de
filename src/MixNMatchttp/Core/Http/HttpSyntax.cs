using System.Buffers;
using System.Globalization;
using System.Text;

namespace MixNMatchttp;

/// <summary>The bits of HTTP syntax (RFC 9110 §5) that request parts and options naming headers, methods or values are checked against.</summary>
internal static class HttpSyntax
{
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Whether <paramref name="text"/> is a token: a valid header name or method.</summary>
    public static bool IsToken(string? text) => IsToken(text.AsSpan());

    /// <summary>Whether <paramref name="text"/> is a token.</summary>
    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TokenChars);

    /// <summary>Whether <paramref name="text"/> holds a control character (U+0000 to U+001F, or DEL).</summary>
    public static bool HasControlCharacters(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\0', '\x1f') >= 0 || text.Contains('\x7f');

    /// <summary>Whether <paramref name="text"/> can be sent as a header value: visible ASCII, spaces and tabs only
    /// (no CR, LF or other control characters, nothing Kestrel would refuse to write).</summary>
    public static bool IsFieldValue(string text)
    {
        foreach (var c in text)
        {
            if (c != '\t' && (c < ' ' || c > '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="text"/> with control characters (C0, DEL and C1) written as <c>\xNN</c>, for a one-line error
    /// message or a log line: request data passed to a logger goes through here, so no CR, LF or ESC reaches a console
    /// or a log file.</summary>
    public static string Printable(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }

        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\0', '\x1f') < 0 && span.IndexOfAnyInRange('\x7f', '\x9f') < 0)
        {
            return text;
        }

        return AppendPrintable(new StringBuilder(text.Length + 8), span).ToString();
    }

    /// <summary>Appends <paramref name="text"/> as <see cref="Printable"/> writes it.</summary>
    public static StringBuilder AppendPrintable(StringBuilder builder, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder;
    }

    /// <summary>Percent-encodes (as UTF-8) what a Location header cannot carry as it is: spaces and non-ASCII
    /// characters. Everything else, '%' included, is kept.</summary>
    public static string EscapeNonAscii(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is > ' ' and <= '~')
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
