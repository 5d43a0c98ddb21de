using System.IO.Compression;

namespace MixNMatchttp;

/// <summary>The content codings (RFC 9110 §8.4.1) a file can be sent in.</summary>
internal enum ContentCoding
{
    /// <summary>The file's bytes as they are.</summary>
    Identity,

    /// <summary>gzip (RFC 1952).</summary>
    Gzip,

    /// <summary>Brotli (RFC 7932).</summary>
    Brotli,
}

/// <summary>What each content coding is called and how its bytes are made.</summary>
internal static class ContentCodings
{
    /// <summary>Brotli's quality for bytes compressed once and kept: the best of its fast levels (10 and 11 are many
    /// times slower).</summary>
    private const int KeptBrotliQuality = 9;

    private const int BrotliWindow = 22;

    /// <summary>The coding's name in <c>Content-Encoding</c> (identity is never sent).</summary>
    public static string Token(this ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => "br",
        ContentCoding.Gzip => "gzip",
        _ => throw new ArgumentOutOfRangeException(nameof(coding)),
    };

    /// <summary>The name ending of a file precompressed with the coding: <c>app.js.br</c>, <c>app.js.gz</c>.</summary>
    public static string FileExtension(this ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => ".br",
        ContentCoding.Gzip => ".gz",
        _ => throw new ArgumentOutOfRangeException(nameof(coding)),
    };

    /// <summary>The entity-tag of the coding's representation, made from the file's own tag: <c>"…-br"</c>,
    /// <c>"…-gz"</c>; the identity tag is the file's.</summary>
    public static string Tag(this ContentCoding coding, string fileTag) => coding switch
    {
        ContentCoding.Brotli => fileTag.Insert(fileTag.Length - 1, "-br"),
        ContentCoding.Gzip => fileTag.Insert(fileTag.Length - 1, "-gz"),
        _ => fileTag,
    };

    /// <summary><paramref name="data"/> compressed thoroughly, to be kept and sent many times.</summary>
    public static byte[] Compress(this ContentCoding coding, ReadOnlySpan<byte> data)
    {
        if (coding == ContentCoding.Brotli)
        {
            var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
            if (!BrotliEncoder.TryCompress(data, compressed, out var written, KeptBrotliQuality, BrotliWindow))
            {
                throw new InvalidOperationException("Brotli could not compress into its own maximum compressed length.");
            }

            return compressed.AsSpan(0, written).ToArray();
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A stream that compresses what is written to it into <paramref name="output"/> (left open), at the
    /// fastest level: for a body compressed while it is sent.</summary>
    public static Stream Compressing(this ContentCoding coding, Stream output) => coding == ContentCoding.Brotli
        ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)
        : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
}
