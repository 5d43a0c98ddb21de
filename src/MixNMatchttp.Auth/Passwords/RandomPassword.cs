using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>Random passwords for new users, from the operating system's cryptographic random number generator.</summary>
public static class RandomPassword
{
    /// <summary>The length of a random password.</summary>
    public const int Length = 20;

    /// <summary>Letters, digits and three symbols that need no quoting in a shell or a URL (no ':', never a space).</summary>
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    /// <summary>A new password of <see cref="Length"/> characters (about 120 bits) with at least one lower-case letter,
    /// one upper-case letter, one digit and one symbol, so that any <see cref="PasswordPolicy"/> with its default length
    /// accepts it.</summary>
    public static string Create()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Alphabet, Length);
            if (password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiDigit)
                && password.Any(c => !char.IsAsciiLetterOrDigit(c)))
            {
                return password;
            }
        }
    }
}
