using Microsoft.Extensions.Primitives;

namespace MixNMatchttp;

/// <summary>
/// Parses an <c>application/x-www-form-urlencoded</c> body as browsers build it (WHATWG URL standard): fields split on
/// <c>&amp;</c>, a name and a value split on the first <c>=</c> (a bare name has an empty value), <c>+</c> is a space,
/// percent escapes are decoded as UTF-8 and a malformed escape stays as it was sent. Names are compared without regard
/// to case; a repeated name keeps every value.
/// </summary>
internal static class FormFields
{
    /// <summary>The fields; null when a name or value is not valid UTF-8 once percent-decoded.</summary>
    public static Dictionary<string, StringValues>? Parse(string body)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var range in body.AsSpan().Split('&'))
        {
            var field = body[range];
            if (field.Length == 0)
            {
                continue;
            }

            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? field : field[..equals]);
            var value = Decode(equals < 0 ? string.Empty : field[(equals + 1)..]);
            if (name is null || value is null)
            {
                return null;
            }

            fields[name] = fields.TryGetValue(name, out var values) ? StringValues.Concat(values, value) : new StringValues(value);
        }

        return fields;
    }

    private static string? Decode(string component) =>
        RequestTarget.PercentDecode(component.Contains('+', StringComparison.Ordinal) ? component.Replace('+', ' ') : component);
}
