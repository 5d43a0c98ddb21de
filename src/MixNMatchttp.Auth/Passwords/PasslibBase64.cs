using System.Buffers;

namespace MixNMatchttp.Auth;

/// <summary>
/// The base64 variants of passlib and the PHC string format: the standard alphabet without padding
/// (scrypt, Argon2) and passlib's "adapted" base64, with '.' for '+' and no padding (PBKDF2).
/// </summary>
internal static class PasslibBase64
{
    private static readonly SearchValues<char> StandardChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static readonly SearchValues<char> AdaptedChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/.");

    /// <summary>Standard base64 without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>Passlib's adapted base64: '.' for '+', no padding.</summary>
    public static string EncodeAdapted(ReadOnlySpan<byte> data) => Encode(data).Replace('+', '.');

    /// <summary>Decodes unpadded base64; with <paramref name="adapted"/>, '.' stands for '+' (both are accepted, as passlib does).</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, bool adapted, int maxBytes, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1 || text.Length > ((maxBytes + 2) / 3 * 4) || text.ContainsAnyExcept(adapted ? AdaptedChars : StandardChars))
        {
            return false;
        }

        var padded = new char[(text.Length + 3) / 4 * 4];
        text.CopyTo(padded);
        padded.AsSpan(text.Length).Fill('=');
        if (adapted)
        {
            padded.AsSpan(0, text.Length).Replace('.', '+');
        }

        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out var written) || written > maxBytes)
        {
            return false;
        }

        bytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
