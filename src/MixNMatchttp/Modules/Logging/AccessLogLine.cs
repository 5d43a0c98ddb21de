using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Text;

namespace MixNMatchttp.Logging;

/// <summary>What the access log writes of one request.</summary>
internal readonly record struct AccessLogRequest(
    IPAddress? Client, DateTimeOffset Time, string Method, string Target, string Protocol, int Status, long BodyBytes, string? Referer, string? UserAgent);

/// <summary>A formatted access log line in a rented array (see <see cref="PooledLine"/>), with where its status is.</summary>
internal readonly record struct AccessLogText(byte[] Array, int Length, int StatusStart, int StatusEnd);

/// <summary>
/// The Combined Log Format, <c>%h %l %u %t "%r" %&gt;s %b "%{Referer}i" "%{User-agent}i"</c>:
/// <c>127.0.0.1 - - [01/Dec/2026:21:33:37 +0000] "GET /a?b=1 HTTP/1.1" 200 1024 "-" "curl/8.5.0"</c>. Every field is
/// escaped: <c>"</c> and <c>\</c> get a backslash, control characters and each UTF-8 byte of a non-ASCII character
/// become <c>\xNN</c>, so a line is printable ASCII and no field can end early or start another line. The values of
/// secret query parameters (in the target and the Referer) become <c>***</c> unless secrets are logged. Built in a
/// rented array, without LINQ, regular expressions or intermediate strings.
/// </summary>
internal static class AccessLogLine
{
    /// <summary>What a secret query value is written as.</summary>
    public const string Hidden = "***";

    private const int LongestEncodedName = 64;

    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>The query parameters whose values are hidden (names compared percent-decoded, case-insensitively).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SecretNames = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "password", "passwd", "pass", "pwd", "new_password", "token", "access_token", "refresh_token", "csrf_token", "secret", "key", "code")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    private static ReadOnlySpan<byte> Months => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>The line for <paramref name="request"/>, without a line feed.</summary>
    public static AccessLogText Format(in AccessLogRequest request, bool logSecrets)
    {
        var line = new PooledLine(192 + request.Target.Length + (request.Referer?.Length ?? 0) + (request.UserAgent?.Length ?? 0));
        AppendClient(ref line, request.Client);
        line.Add(" - - ["u8);
        AppendTime(ref line, request.Time.UtcDateTime);
        line.Add("] \""u8);
        AppendEscaped(ref line, request.Method);
        line.Add((byte)' ');
        AppendUrl(ref line, request.Target, logSecrets);
        line.Add((byte)' ');
        AppendEscaped(ref line, request.Protocol);
        line.Add("\" "u8);
        var statusStart = line.Length;
        AppendNumber(ref line, request.Status);
        var statusEnd = line.Length;
        line.Add((byte)' ');
        if (request.BodyBytes > 0)
        {
            AppendNumber(ref line, request.BodyBytes);
        }
        else
        {
            line.Add((byte)'-');
        }

        line.Add(" \""u8);
        AppendHeader(ref line, request.Referer, url: true, logSecrets);
        line.Add("\" \""u8);
        AppendHeader(ref line, request.UserAgent, url: false, logSecrets);
        line.Add((byte)'"');
        return new(line.Array, line.Length, statusStart, statusEnd);
    }

    /// <summary>A copy of <paramref name="text"/> for a terminal (a new rented array): with <paramref name="colour"/>,
    /// the status green (2xx), cyan (3xx), yellow (4xx) or red (5xx).</summary>
    public static (byte[] Array, int Length) ForConsole(in AccessLogText text, bool colour)
    {
        var source = text.Array.AsSpan(0, text.Length);
        var code = colour ? StatusColour(source[text.StatusStart]) : default;
        var line = new PooledLine(text.Length + 16);
        if (code.IsEmpty)
        {
            line.Add(source);
        }
        else
        {
            line.Add(source[..text.StatusStart]);
            line.Add(code);
            line.Add(source[text.StatusStart..text.StatusEnd]);
            line.Add("\e[0m"u8);
            line.Add(source[text.StatusEnd..]);
        }

        return (line.Array, line.Length);
    }

    private static ReadOnlySpan<byte> StatusColour(byte firstDigit) => firstDigit switch
    {
        (byte)'2' => "\e[32m"u8,
        (byte)'3' => "\e[36m"u8,
        (byte)'4' => "\e[33m"u8,
        (byte)'5' => "\e[31m"u8,
        _ => default,
    };

    private static void AppendClient(ref PooledLine line, IPAddress? client)
    {
        if (client is null)
        {
            line.Add((byte)'-');
            return;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        client.TryFormat(line.Reserve(64), out var written);
        line.Advance(written);
    }

    /// <summary><c>01/Dec/2026:21:33:37 +0000</c>.</summary>
    private static void AppendTime(ref PooledLine line, DateTime utc)
    {
        AppendTwoDigits(ref line, utc.Day);
        line.Add((byte)'/');
        line.Add(Months.Slice((utc.Month - 1) * 3, 3));
        line.Add((byte)'/');
        AppendNumber(ref line, utc.Year);
        line.Add((byte)':');
        AppendTwoDigits(ref line, utc.Hour);
        line.Add((byte)':');
        AppendTwoDigits(ref line, utc.Minute);
        line.Add((byte)':');
        AppendTwoDigits(ref line, utc.Second);
        line.Add(" +0000"u8);
    }

    private static void AppendTwoDigits(ref PooledLine line, int value)
    {
        line.Add((byte)('0' + (value / 10)));
        line.Add((byte)('0' + (value % 10)));
    }

    private static void AppendNumber(ref PooledLine line, long value)
    {
        value.TryFormat(line.Reserve(20), out var written, provider: CultureInfo.InvariantCulture);
        line.Advance(written);
    }

    private static void AppendHeader(ref PooledLine line, string? value, bool url, bool logSecrets)
    {
        if (string.IsNullOrEmpty(value))
        {
            line.Add((byte)'-');
        }
        else if (url)
        {
            AppendUrl(ref line, value, logSecrets);
        }
        else
        {
            AppendEscaped(ref line, value);
        }
    }

    /// <summary>A URL or request target, escaped, with the values of secret query parameters hidden unless
    /// <paramref name="logSecrets"/>.</summary>
    private static void AppendUrl(ref PooledLine line, ReadOnlySpan<char> url, bool logSecrets)
    {
        var query = url.IndexOf('?');
        if (query < 0 || logSecrets)
        {
            AppendEscaped(ref line, url);
            return;
        }

        AppendEscaped(ref line, url[..(query + 1)]);
        var rest = url[(query + 1)..];
        while (true)
        {
            var end = rest.IndexOf('&');
            var field = end < 0 ? rest : rest[..end];
            var equals = field.IndexOf('=');
            if (equals > 0 && IsSecret(field[..equals]))
            {
                AppendEscaped(ref line, field[..(equals + 1)]);
                line.Add("***"u8);
            }
            else
            {
                AppendEscaped(ref line, field);
            }

            if (end < 0)
            {
                return;
            }

            line.Add((byte)'&');
            rest = rest[(end + 1)..];
        }
    }

    /// <summary>Whether a query parameter's name, percent-decoded ('+' is a space), names a secret.</summary>
    private static bool IsSecret(ReadOnlySpan<char> name)
    {
        if (name.IndexOfAny('%', '+') < 0)
        {
            return SecretNames.Contains(name);
        }

        if (name.Length > LongestEncodedName)
        {
            return false;
        }

        Span<char> decoded = stackalloc char[LongestEncodedName];
        var length = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '+')
            {
                c = ' ';
            }
            else if (c == '%' && i + 2 < name.Length
                && byte.TryParse(name.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                c = (char)value;
                i += 2;
            }

            decoded[length++] = c;
        }

        return SecretNames.Contains(decoded[..length]);
    }

    private static void AppendEscaped(ref PooledLine line, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAnyExcept(Plain);
            var plain = special < 0 ? text : text[..special];
            Ascii.FromUtf16(plain, line.Reserve(plain.Length), out var written);
            line.Advance(written);
            if (special < 0)
            {
                return;
            }

            text = text[special..];
            var c = text[0];
            var consumed = 1;
            if (c is '"' or '\\')
            {
                line.Add((byte)'\\');
                line.Add((byte)c);
            }
            else if (c < 0x80)
            {
                AppendHex(ref line, (byte)c);
            }
            else
            {
                // a surrogate pair is one character; a lone surrogate becomes U+FFFD
                Rune.DecodeFromUtf16(text, out var rune, out consumed);
                var count = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..count])
                {
                    AppendHex(ref line, b);
                }
            }

            text = text[consumed..];
        }
    }

    private static void AppendHex(ref PooledLine line, byte value)
    {
        line.Add((byte)'\\');
        line.Add((byte)'x');
        line.Add(Hex[value >> 4]);
        line.Add(Hex[value & 0xf]);
    }
}
