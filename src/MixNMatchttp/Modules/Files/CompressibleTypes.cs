using System.Collections.Frozen;

namespace MixNMatchttp.Files;

/// <summary>
/// The media types worth compressing (docs/modules/static-files.md): text (<c>text/*</c>), JavaScript, JSON and XML
/// (with every <c>+json</c> and <c>+xml</c> type: SVG, Atom, RSS, XHTML, web manifests), WebAssembly, uncompressed
/// fonts (TrueType, OpenType, EOT) and uncompressed bitmaps (BMP, ICO). Formats that are compressed already (other
/// images, audio, video, archives, PDF, WOFF and WOFF2 fonts) and unknown types are not.
/// </summary>
internal static class CompressibleTypes
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Types = new[]
    {
        "application/javascript", "application/json", "application/xml", "application/wasm",
        "font/ttf", "font/otf", "application/x-font-ttf", "application/vnd.ms-fontobject",
        "image/bmp", "image/x-icon", "image/vnd.microsoft.icon",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a file of <paramref name="contentType"/> (parameters allowed) is worth compressing.</summary>
    public static bool Contains(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || Types.Contains(mediaType);
    }
}
