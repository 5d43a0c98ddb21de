using System.Globalization;
using System.Text;

namespace Demo;

/// <summary>Text as Python's <c>repr</c> writes it, so that the demo prints values the way the original server did:
/// <c>{'debug': 'bla', 'debug2': 'foo'}</c>.</summary>
public static class PythonRepr
{
    /// <summary>A dictionary of strings, in its order: <c>{'key': 'value', …}</c>, <c>{}</c> when empty.</summary>
    public static string Dict(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var text = new StringBuilder("{");
        foreach (var (key, value) in items)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(Str(key)).Append(": ").Append(Str(value));
        }

        return text.Append('}').ToString();
    }

    /// <summary>A string literal: single-quoted unless the text holds a single quote and no double quote; backslashes,
    /// the quote, control characters and characters Python does not print are escaped.</summary>
    public static string Str(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var literal = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            _ = value switch
            {
                '\\' => literal.Append(@"\\"),
                '\t' => literal.Append(@"\t"),
                '\n' => literal.Append(@"\n"),
                '\r' => literal.Append(@"\r"),
                _ when value == quote => literal.Append('\\').Append(quote),
                _ when IsPrintable(rune) => literal.Append(rune.ToString()),
                <= 0xff => literal.Append(CultureInfo.InvariantCulture, $"\\x{value:x2}"),
                <= 0xffff => literal.Append(CultureInfo.InvariantCulture, $"\\u{value:x4}"),
                _ => literal.Append(CultureInfo.InvariantCulture, $"\\U{value:x8}"),
            };
        }

        return literal.Append(quote).ToString();
    }

    /// <summary>Python's <c>str.isprintable</c> for one character: not a control, format, surrogate, private-use or
    /// unassigned character, and not a separator other than the ASCII space.</summary>
    private static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator);
}
