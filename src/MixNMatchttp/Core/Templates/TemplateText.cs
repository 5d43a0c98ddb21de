using System.Text;
using System.Text.RegularExpressions;

namespace MixNMatchttp;

/// <summary>A text with <c>$NAME</c> / <c>${NAME}</c> fields, split once into literal and field parts.</summary>
internal sealed partial class TemplateText
{
    private readonly (string Text, bool IsField)[] _parts;

    public TemplateText(string text)
    {
        var parts = new List<(string, bool)>();
        var last = 0;
        foreach (Match match in FieldPattern().Matches(text))
        {
            parts.Add((text[last..match.Index], false));
            parts.Add(match.Value == "$$" ? ("$", false) : (match.Groups["name"].Value, true));
            last = match.Index + match.Length;
        }

        parts.Add((text[last..], false));
        _parts = [.. parts.Where(p => p.Item1.Length > 0 || p.Item2)];
    }

    /// <summary>Appends the text with each field replaced by <paramref name="value"/>(name); null removes it.</summary>
    public void AppendTo(StringBuilder builder, Func<string, string?> value)
    {
        foreach (var (text, isField) in _parts)
        {
            builder.Append(isField ? value(text) : text);
        }
    }

    [GeneratedRegex(@"\$(?:\$|\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|(?<name>[A-Za-z_][A-Za-z0-9_]*))", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();
}
