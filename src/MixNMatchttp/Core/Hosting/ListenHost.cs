using System.Net;
using System.Net.Sockets;

namespace MixNMatchttp;

/// <summary>
/// The host part of a place to listen: an IP address literal (the wildcards 0.0.0.0 and :: included), <c>localhost</c>
/// (the IPv4 loopback, as Kestrel's own <c>localhost</c> is not one address) or a host name, resolved once when the
/// server is built.
/// </summary>
internal sealed class ListenHost
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    private ListenHost(string name, IPAddress? address)
    {
        Name = name;
        Address = address;
    }

    /// <summary>The host as it is shown in URLs: a name in lower case, an IP address in its normal form (an IPv6
    /// address in brackets).</summary>
    public string Name { get; }

    /// <summary>The address of an IP literal; null for a name.</summary>
    public IPAddress? Address { get; }

    /// <summary>Reads an IP address literal (an IPv6 one with or without brackets, without a zone) or a host name;
    /// null when <paramref name="text"/> is neither.</summary>
    public static ListenHost? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var bracketed = text.StartsWith('[') && text.EndsWith(']');
        if (bracketed)
        {
            text = text[1..^1];
        }

        if (bracketed || text.Contains(':'))
        {
            return text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
                && IPAddress.TryParse(text, out var ipv6) && ipv6.AddressFamily == AddressFamily.InterNetworkV6 ? Of(ipv6) : null;
        }

        if (text.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return ParseIPv4(text) is { } ipv4 ? Of(ipv4) : null;
        }

        return IsHostName(text) ? new ListenHost(text.ToLowerInvariant(), null) : null;
    }

    /// <summary>The addresses to bind: the literal's, 127.0.0.1 for <c>localhost</c>, else what the name resolves to.</summary>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public IPAddress[] Resolve()
    {
        if (Address is not null)
        {
            return [Address];
        }

        if (Name == "localhost")
        {
            return [IPAddress.Loopback];
        }

        var addresses = Dns.GetHostAddresses(Name).Distinct().ToArray();
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    private static ListenHost Of(IPAddress address) =>
        new(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString(), address);

    /// <summary>Four decimal numbers of 0–255 (IPAddress.Parse would also take "127.1" and octal parts).</summary>
    private static IPAddress? ParseIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (parts[i].Length is 0 or > 3 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return new IPAddress(bytes);
    }

    /// <summary>Labels of ASCII letters, digits and inner hyphens, dot-separated (RFC 1123).</summary>
    private static bool IsHostName(string text) =>
        text.Length <= MaxNameLength
        && text.Split('.').All(label => label.Length is > 0 and <= MaxLabelLength
            && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
