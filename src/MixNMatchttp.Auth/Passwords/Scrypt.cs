using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace MixNMatchttp.Auth;

/// <summary>
/// The scrypt key derivation function of RFC 7914: PBKDF2-HMAC-SHA256 around ROMix, built from BlockMix and the
/// Salsa20/8 core. Callers bound N, r and p (see <see cref="PasswordHashLimits"/>).
/// </summary>
internal static class Scrypt
{
    /// <summary>scrypt(P, S, N = 2^<paramref name="logN"/>, r, p, dkLen) (RFC 7914 §6).</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int logN, int r, int p, int length)
    {
        if (logN is < 1 or > 30 || r < 1 || p < 1 || (long)r * p >= 1 << 30 || length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(logN), "invalid scrypt parameters");
        }

        var blockBytes = 128 * r;
        var b = new byte[checked(blockBytes * p)];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, b, 1, HashAlgorithmName.SHA256);

        var words = 32 * r;
        var x = new uint[words];
        var v = new uint[checked(words * (1 << logN))];
        var scratch = new uint[words];
        for (var i = 0; i < p; i++)
        {
            var block = b.AsSpan(i * blockBytes, blockBytes);
            for (var w = 0; w < words; w++)
            {
                x[w] = BinaryPrimitives.ReadUInt32LittleEndian(block[(w * 4)..]);
            }

            RoMix(x, v, scratch, r, 1 << logN);
            for (var w = 0; w < words; w++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(block[(w * 4)..], x[w]);
            }
        }

        var key = new byte[length];
        Rfc2898DeriveBytes.Pbkdf2(password, b, key, 1, HashAlgorithmName.SHA256);
        CryptographicOperations.ZeroMemory(b);
        Array.Clear(v);
        Array.Clear(x);
        return key;
    }

    /// <summary>scryptROMix (RFC 7914 §5) on <paramref name="x"/> in place, as 32·r little-endian words.</summary>
    private static void RoMix(Span<uint> x, Span<uint> v, Span<uint> scratch, int r, int n)
    {
        var words = 32 * r;
        for (var i = 0; i < n; i++)
        {
            x.CopyTo(v.Slice(i * words, words));
            BlockMix(x, scratch, r);
        }

        for (var i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block, modulo N (a power of two).
            var j = (int)(x[(2 * r - 1) * 16] & (uint)(n - 1));
            var vj = v.Slice(j * words, words);
            for (var w = 0; w < words; w++)
            {
                x[w] ^= vj[w];
            }

            BlockMix(x, scratch, r);
        }
    }

    /// <summary>scryptBlockMix (RFC 7914 §4) on the 2·r 64-byte blocks of <paramref name="b"/>, in place.</summary>
    private static void BlockMix(Span<uint> b, Span<uint> y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.Slice((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            var bi = b.Slice(i * 16, 16);
            for (var w = 0; w < 16; w++)
            {
                x[w] ^= bi[w];
            }

            Salsa20Core8(x);

            // Even blocks go to the first half of the output, odd ones to the second.
            x.CopyTo(y.Slice(((i & 1) * r + (i >> 1)) * 16, 16));
        }

        y.CopyTo(b);
    }

    /// <summary>The Salsa20/8 core (RFC 7914 §3) on 16 words, in place.</summary>
    internal static void Salsa20Core8(Span<uint> b)
    {
        Span<uint> x = stackalloc uint[16];
        b.CopyTo(x);
        for (var i = 0; i < 8; i += 2)
        {
            // Columns.
            x[4] ^= BitOperations.RotateLeft(x[0] + x[12], 7);
            x[8] ^= BitOperations.RotateLeft(x[4] + x[0], 9);
            x[12] ^= BitOperations.RotateLeft(x[8] + x[4], 13);
            x[0] ^= BitOperations.RotateLeft(x[12] + x[8], 18);
            x[9] ^= BitOperations.RotateLeft(x[5] + x[1], 7);
            x[13] ^= BitOperations.RotateLeft(x[9] + x[5], 9);
            x[1] ^= BitOperations.RotateLeft(x[13] + x[9], 13);
            x[5] ^= BitOperations.RotateLeft(x[1] + x[13], 18);
            x[14] ^= BitOperations.RotateLeft(x[10] + x[6], 7);
            x[2] ^= BitOperations.RotateLeft(x[14] + x[10], 9);
            x[6] ^= BitOperations.RotateLeft(x[2] + x[14], 13);
            x[10] ^= BitOperations.RotateLeft(x[6] + x[2], 18);
            x[3] ^= BitOperations.RotateLeft(x[15] + x[11], 7);
            x[7] ^= BitOperations.RotateLeft(x[3] + x[15], 9);
            x[11] ^= BitOperations.RotateLeft(x[7] + x[3], 13);
            x[15] ^= BitOperations.RotateLeft(x[11] + x[7], 18);

            // Rows.
            x[1] ^= BitOperations.RotateLeft(x[0] + x[3], 7);
            x[2] ^= BitOperations.RotateLeft(x[1] + x[0], 9);
            x[3] ^= BitOperations.RotateLeft(x[2] + x[1], 13);
            x[0] ^= BitOperations.RotateLeft(x[3] + x[2], 18);
            x[6] ^= BitOperations.RotateLeft(x[5] + x[4], 7);
            x[7] ^= BitOperations.RotateLeft(x[6] + x[5], 9);
            x[4] ^= BitOperations.RotateLeft(x[7] + x[6], 13);
            x[5] ^= BitOperations.RotateLeft(x[4] + x[7], 18);
            x[11] ^= BitOperations.RotateLeft(x[10] + x[9], 7);
            x[8] ^= BitOperations.RotateLeft(x[11] + x[10], 9);
            x[9] ^= BitOperations.RotateLeft(x[8] + x[11], 13);
            x[10] ^= BitOperations.RotateLeft(x[9] + x[8], 18);
            x[12] ^= BitOperations.RotateLeft(x[15] + x[14], 7);
            x[13] ^= BitOperations.RotateLeft(x[12] + x[15], 9);
            x[14] ^= BitOperations.RotateLeft(x[13] + x[12], 13);
            x[15] ^= BitOperations.RotateLeft(x[14] + x[13], 18);
        }

        for (var i = 0; i < 16; i++)
        {
            b[i] += x[i];
        }
    }
}
