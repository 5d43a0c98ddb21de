using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>
/// The "hash64" encoding of the crypt family (md5-crypt, SHA-crypt, SHA1-crypt): alphabet <c>./0-9A-Za-z</c>,
/// each group of three bytes read little-endian and written six bits at a time, least significant first.
/// Each scheme first reorders its digest bytes by a fixed map taken from its specification.
/// </summary>
internal static class CryptBase64
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A random salt of <paramref name="length"/> hash64 characters, as the crypt formats store it.</summary>
    public static string RandomSalt(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>The encoded length of <paramref name="byteCount"/> bytes.</summary>
    public static int EncodedLength(int byteCount) => ((byteCount / 3) * 4) + (byteCount % 3 == 0 ? 0 : (byteCount % 3) + 1);

    /// <summary>Encodes <c>digest[map[0]], digest[map[1]], …</c> as ASCII into <paramref name="destination"/>.</summary>
    public static void EncodeTransposed(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> map, Span<byte> destination)
    {
        var o = 0;
        var i = 0;
        for (; i + 3 <= map.Length; i += 3)
        {
            var v = digest[map[i]] | (digest[map[i + 1]] << 8) | (digest[map[i + 2]] << 16);
            Write(v, 4, destination, ref o);
        }

        switch (map.Length - i)
        {
            case 1:
                Write(digest[map[i]], 2, destination, ref o);
                break;
            case 2:
                Write(digest[map[i]] | (digest[map[i + 1]] << 8), 3, destination, ref o);
                break;
            default:
                break;
        }
    }

    private static void Write(int value, int count, Span<byte> destination, ref int offset)
    {
        for (var n = 0; n < count; n++)
        {
            destination[offset++] = (byte)Alphabet[value & 0x3f];
            value >>= 6;
        }
    }
}
