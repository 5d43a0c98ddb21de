using System.Globalization;
using System.Text;

namespace MixNMatchttp.Files;

/// <summary>Where a directory requested without its trailing slash redirects: its absolute path with the slash, under
/// the server's PathPrefix, each segment percent-encoded, the query kept (with anything but printable ASCII
/// percent-encoded, so the <c>Location</c> header carries only what it may).</summary>
internal static class DirectoryRedirect
{
    public static string Location(string pathPrefix, string path, string query)
    {
        var location = new StringBuilder();
        foreach (var segment in (pathPrefix + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            location.Append('/').Append(Uri.EscapeDataString(segment));
        }

        location.Append('/');
        if (query.Length > 0)
        {
            location.Append('?');
            Span<byte> bytes = stackalloc byte[4];
            foreach (var rune in query.EnumerateRunes())
            {
                if (rune.Value is > ' ' and <= '~')
                {
                    location.Append((char)rune.Value);
                    continue;
                }

                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length])
                {
                    location.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        return location.ToString();
    }
}
