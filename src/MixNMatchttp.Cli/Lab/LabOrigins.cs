using System.Net;

namespace MixNMatchttp.Cli.Lab;

/// <summary>The lab's origins, from its listen URLs: the target (the first) and the attackers' (the others).</summary>
internal sealed class LabOrigins
{
    public LabOrigins(IEnumerable<string> listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var origins = listen.Select(Origin).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Target = origins.Count > 0 ? origins[0] : string.Empty;
        Attackers = [.. origins.Skip(1)];
    }

    public string Target { get; }

    public IReadOnlyList<string> Attackers { get; }

    /// <summary>Where a visitor starts: the first attacker's origin (or the target's when there is no other).</summary>
    public string Start => Attackers.Count > 0 ? Attackers[0] : Target;

    /// <summary>The origin (<c>scheme://host[:port]</c>, as browsers send it) of a listen URL; null when it names no
    /// port, or port 0.</summary>
    public static string? Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0 && HasPort(url, uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>How a browser sees <paramref name="other"/> from <paramref name="target"/>: same site needs the same
    /// scheme and the same host (an IP address, localhost) or registrable domain (approximated by the last two labels).</summary>
    public static string Relation(string target, string other)
    {
        var a = new Uri(target);
        var b = new Uri(other);
        if (a.Scheme != b.Scheme)
        {
            return string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) ? "cross-site: another scheme" : "cross-site";
        }

        return string.Equals(Site(a.Host), Site(b.Host), StringComparison.OrdinalIgnoreCase) ? "same site, another origin" : "cross-site";
    }

    private static bool HasPort(string url, Uri uri) => !uri.IsDefaultPort || url.AsSpan(uri.Scheme.Length + 3).Contains(':');

    private static string Site(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return host;
        }

        var labels = host.Split('.');
        return labels.Length <= 2 ? host : string.Join('.', labels[^2..]);
    }
}
