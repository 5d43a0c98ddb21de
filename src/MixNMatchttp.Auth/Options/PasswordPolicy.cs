namespace MixNMatchttp.Auth;

/// <summary>What a new password must be like.</summary>
public sealed class PasswordPolicy
{
    /// <summary>The fewest characters. Default: 10.</summary>
    public int MinLength { get; set; } = 10;

    /// <summary>How many of the classes lower-case, upper-case, digit and other it must mix. Default: 3.</summary>
    public int MinCharacterClasses { get; set; } = 3;

    /// <summary>Why <paramref name="password"/> is refused, or null when it is acceptable.</summary>
    public string? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinLength)
        {
            return $"the password must have at least {MinLength} characters";
        }

        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return classes < MinCharacterClasses
            ? $"the password must mix at least {MinCharacterClasses} of: lower-case, upper-case, digits, other characters"
            : null;
    }
}
