using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;

namespace MixNMatchttp;

/// <summary>
/// The compressed codings a request accepts (<c>Accept-Encoding</c>, RFC 9110 §12.5.3), in the order to try them.
/// Each of <c>br</c> and <c>gzip</c> (or <c>x-gzip</c>) weighs its own <c>q</c>, else that of <c>*</c>, else nothing;
/// names are case-insensitive and the first mention of a name counts. A coding weighing 0 is left out, and so is one
/// weighing less than <c>identity</c> when the request names it (itself or through <c>*</c>); among equals Brotli
/// comes first. A request that sends no <c>Accept-Encoding</c>, an empty one, or one that does not follow the grammar
/// (a weight that is not a qvalue, a parameter other than <c>q</c>, a character outside a token, more than
/// <see cref="MaxCodings"/> codings) accepts identity only.
/// </summary>
internal static class AcceptEncoding
{
    /// <summary>More codings than this in one request are not a browser's: the request gets identity.</summary>
    public const int MaxCodings = 32;

    private const int Unnamed = -1;

    private static readonly ImmutableArray<ContentCoding> BrotliThenGzip = [ContentCoding.Brotli, ContentCoding.Gzip];
    private static readonly ImmutableArray<ContentCoding> GzipThenBrotli = [ContentCoding.Gzip, ContentCoding.Brotli];
    private static readonly ImmutableArray<ContentCoding> BrotliOnly = [ContentCoding.Brotli];
    private static readonly ImmutableArray<ContentCoding> GzipOnly = [ContentCoding.Gzip];

    /// <summary>Brotli and gzip as far as the request accepts them, the preferred first; empty for identity only.</summary>
    public static ImmutableArray<ContentCoding> Preferred(StringValues headers)
    {
        var weights = new Weights();
        foreach (var header in headers)
        {
            if (!weights.TryRead(header))
            {
                return [];
            }
        }

        var floor = weights.Identity != Unnamed ? weights.Identity : weights.Any;
        var brotli = weights.Brotli != Unnamed ? weights.Brotli : weights.Any;
        var gzip = weights.Gzip != Unnamed ? weights.Gzip : weights.Any;
        var useBrotli = brotli > 0 && brotli >= floor;
        var useGzip = gzip > 0 && gzip >= floor;
        return (useBrotli, useGzip) switch
        {
            (true, true) => gzip > brotli ? GzipThenBrotli : BrotliThenGzip,
            (true, false) => BrotliOnly,
            (false, true) => GzipOnly,
            _ => [],
        };
    }

    /// <summary>The weights (in thousandths) the header names, <see cref="Unnamed"/> for a name it does not mention.</summary>
    private struct Weights()
    {
        public int Brotli = Unnamed;
        public int Gzip = Unnamed;
        public int Identity = Unnamed;
        public int Any = Unnamed;
        private int _count;

        /// <summary>Reads one header line (a comma-separated list, empty elements allowed); false when it is malformed.</summary>
        public bool TryRead(string? header)
        {
            foreach (var range in (header ?? string.Empty).AsSpan().Split(','))
            {
                var element = (header ?? string.Empty).AsSpan(range).Trim(" \t");
                if (element.IsEmpty)
                {
                    continue;
                }

                if (++_count > MaxCodings || !TryParseElement(element, out var name, out var weight))
                {
                    return false;
                }

                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    Name(ref Brotli, weight);
                }
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    Name(ref Gzip, weight);
                }
                else if (name.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    Name(ref Identity, weight);
                }
                else if (name is "*")
                {
                    Name(ref Any, weight);
                }
            }

            return true;
        }

        private static void Name(ref int slot, int weight)
        {
            if (slot == Unnamed)
            {
                slot = weight;
            }
        }

        /// <summary><c>coding [OWS ";" OWS "q=" qvalue]</c>, whitespace allowed around <c>=</c> too.</summary>
        private static bool TryParseElement(ReadOnlySpan<char> element, out ReadOnlySpan<char> name, out int weight)
        {
            weight = 1000;
            var semicolon = element.IndexOf(';');
            name = (semicolon < 0 ? element : element[..semicolon]).TrimEnd(" \t");
            if (!HttpSyntax.IsToken(name))
            {
                return false;
            }

            if (semicolon < 0)
            {
                return true;
            }

            var parameter = element[(semicolon + 1)..].TrimStart(" \t");
            if (parameter.IsEmpty || (parameter[0] | 0x20) != 'q')
            {
                return false;
            }

            parameter = parameter[1..].TrimStart(" \t");
            return !parameter.IsEmpty && parameter[0] == '=' && TryParseQValue(parameter[1..].TrimStart(" \t"), out weight);
        }

        /// <summary><c>"0" ["." 0*3DIGIT] / "1" ["." 0*3"0"]</c>, in thousandths.</summary>
        private static bool TryParseQValue(ReadOnlySpan<char> text, out int weight)
        {
            weight = 0;
            if (text.IsEmpty || text[0] is not ('0' or '1') || (text.Length > 1 && text[1] != '.') || text.Length > 5)
            {
                return false;
            }

            weight = text[0] == '1' ? 1000 : 0;
            var scale = 100;
            foreach (var digit in text[Math.Min(2, text.Length)..])
            {
                if (!char.IsAsciiDigit(digit) || (weight == 1000 && digit != '0'))
                {
                    return false;
                }

                weight += (digit - '0') * scale;
                scale /= 10;
            }

            return true;
        }
    }
}
