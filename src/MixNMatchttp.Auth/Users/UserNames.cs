namespace MixNMatchttp.Auth;

/// <summary>What a user name may be: 1 to 64 characters, no ':', ',', whitespace or control characters.</summary>
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

        return username.Any(c => c is ':' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)) || username[0] is '!' or '#' or '*'
            ? "the user name may not contain ':', ',', spaces or control characters, nor start with '!', '#' or '*'"
            : null;
    }
}
