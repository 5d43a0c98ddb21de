using System.Buffers;
using System.Globalization;
using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>What a user name may be: 1 to 64 characters, no ':', ',', white space, control characters or invisible
/// formatting characters (Unicode category Cf: zero-width and bidirectional controls), no unpaired surrogate; not
/// starting with '!', '#' or '*'. Letters of any script are allowed.</summary>
internal static class UserNames
{
    public const int MaxLength = 64;

    public static string? Problem(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "the user name is empty";
        }

        if (username.Length > MaxLength)
        {
            return $"the user name is longer than {MaxLength} characters";
        }

        return username[0] is '!' or '#' or '*' || !IsVisibleText(username, ":,")
            ? "the user name may not contain ':', ',', spaces, control or invisible formatting characters, nor start with '!', '#' or '*'"
            : null;
    }

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16 without white space, control characters, invisible
    /// formatting characters (Cf) or any of <paramref name="refused"/>.</summary>
    public static bool IsVisibleText(string text, string refused)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != OperationStatus.Done
                || refused.Contains(text[i], StringComparison.Ordinal) || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return false;
            }

            i += length;
        }

        return true;
    }
}
