using System.Globalization;
using System.Text;

namespace MixNMatchttp;

/// <summary>
/// A URL of <see cref="MixServerOptions.Listen"/>: <c>http://HOST:PORT</c> or <c>https://HOST:PORT</c>, an optional
/// trailing '/', nothing else. Parsed strictly by hand: <see cref="Uri"/> would take a missing port for the default one,
/// drop user info and path, and turn non-ASCII host names into punycode.
/// </summary>
internal readonly record struct ListenUrl(bool Tls, string Host, int Port)
{
    private const int MaxLength = 300;
    private const int ShownLength = 100;

    /// <summary>Reads <paramref name="text"/>; when it is not a listen URL, <paramref name="problem"/> says why.</summary>
    public static bool TryParse(string? text, out ListenUrl url, out string problem)
    {
        url = default;
        problem = Check(text, ref url);
        return problem.Length == 0;
    }

    /// <summary>A configured text as a problem line shows it: quoted, control characters escaped, cut when long.</summary>
    public static string Quote(string? text) =>
        text is null ? "(null)" : $"'{HttpSyntax.Printable(text.Length > ShownLength ? text[..ShownLength] + "..." : text)}'";

    private static string Check(string? text, ref ListenUrl url)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "is empty: give http://HOST:PORT or https://HOST:PORT";
        }

        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "has control characters or spaces";
        }

        if (!Ascii.IsValid(text))
        {
            return "has non-ASCII characters (write an international host name in its xn-- form)";
        }

        if (text.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return "must be http://HOST:PORT or https://HOST:PORT";
        }

        var scheme = text[..separator];
        var tls = string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase);
        if (!tls && !string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            return $"has the scheme '{scheme}': only http and https are served";
        }

        var rest = text[(separator + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var after = end < 0 ? string.Empty : rest[end..];
        if (authority.Contains('@'))
        {
            return "has user info (NAME@): give only HOST:PORT";
        }

        if (after.IndexOfAny(['?', '#']) >= 0)
        {
            return "has a query or a fragment";
        }

        if (after.Length > 1)
        {
            return "has a path: a listen URL ends with the port (MixServerOptions.PathPrefix sets a path prefix)";
        }

        var portSeparator = authority.LastIndexOf(':');
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return "has a '[' without its ']'";
            }

            if (close + 1 < authority.Length && authority[close + 1] != ':')
            {
                return "has something other than ':PORT' after the ']'";
            }

            portSeparator = close + 1 < authority.Length ? close + 1 : -1;
        }

        if (portSeparator < 0)
        {
            return "has no port (0 picks a free one)";
        }

        var host = authority[..portSeparator];
        var port = authority[(portSeparator + 1)..];
        if (host.Length == 0)
        {
            return "has no host";
        }

        if (!host.StartsWith('[') && host.Contains(':'))
        {
            return "has an IPv6 address without brackets: write it as [::1]";
        }

        if (port.Length == 0)
        {
            return "has no port (0 picks a free one)";
        }

        if (port.Length > 5 || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            return $"has the port '{port}': a port is a number from 0 to 65535 (0 picks a free one)";
        }

        url = new ListenUrl(tls, host, number);
        return string.Empty;
    }
}
