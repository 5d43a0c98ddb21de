using System.Text;

namespace MixNMatchttp;

/// <summary>
/// The <c>Content-Disposition</c> value of a file response (RFC 6266): <c>inline</c> or <c>attachment</c> and the
/// file's name as a quoted <c>filename</c>. A name the quoted form cannot carry safely (anything but printable ASCII, or
/// <c>"</c>, <c>\</c> or <c>%</c>, which some user agents mangle) gets a fallback with those characters replaced by
/// <c>_</c>, followed by the exact name as <c>filename*=UTF-8''…</c> (RFC 8187). Control characters never reach the
/// header.
/// </summary>
internal static class DispositionHeader
{
    public static string Format(string fileName, bool attachment)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var header = new StringBuilder(attachment ? "attachment" : "inline").Append("; filename=\"");
        var exact = true;
        foreach (var c in fileName)
        {
            var plain = c is >= ' ' and <= '~' and not ('"' or '\\' or '%');
            exact &= plain;
            header.Append(plain ? c : '_');
        }

        header.Append('"');
        if (!exact)
        {
            header.Append("; filename*=UTF-8''");
            foreach (var b in Encoding.UTF8.GetBytes(fileName))
            {
                if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal))
                {
                    header.Append((char)b);
                }
                else
                {
                    header.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return header.ToString();
    }
}
