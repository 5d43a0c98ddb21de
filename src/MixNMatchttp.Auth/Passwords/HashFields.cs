using System.Buffers;

namespace MixNMatchttp.Auth;

/// <summary>Strict parsing of the fields of modular-crypt strings (<c>$id$field$field…</c>).</summary>
internal static class HashFields
{
    /// <summary>The characters of the crypt "hash64" alphabet.</summary>
    public static readonly SearchValues<char> Hash64Chars =
        SearchValues.Create("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>A decimal number without sign, spaces or zero padding (as passlib requires), at most 10 digits.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 10 || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> is made only of hash64 characters and is within the given length.</summary>
    public static bool IsHash64(ReadOnlySpan<char> text, int minLength, int maxLength) =>
        text.Length >= minLength && text.Length <= maxLength && !text.ContainsAnyExcept(Hash64Chars);

    /// <summary>Splits <paramref name="text"/> at '$' into exactly <paramref name="parts"/>.Length parts.</summary>
    public static bool TrySplit(ReadOnlySpan<char> text, Span<Range> parts) =>
        text.Split(parts, '$') == parts.Length && text[parts[^1]].IndexOf('$') < 0;
}
