using System.Net;
using System.Net.Sockets;

namespace MixNMatchttp;

/// <summary>
/// One place the server listens on: http or https, a host, a port, and the addresses the host stands for. Every address
/// is bound on the same port: with port 0 the first address picks it (<see cref="ListenerTransport"/>).
/// </summary>
internal sealed class Listener
{
    private Listener(bool tls, ListenHost host, int port, IPAddress[] addresses)
    {
        Tls = tls;
        Host = host;
        Port = port;
        Addresses = addresses;
    }

    public bool Tls { get; }

    public ListenHost Host { get; }

    public IPAddress[] Addresses { get; }

    /// <summary>The configured port, then, once an address is bound, the bound one.</summary>
    public int Port { get; private set; }

    /// <summary>scheme://host:port, the host as configured.</summary>
    public string Url => $"{(Tls ? "https" : "http")}://{Host.Name}:{Port}";

    /// <summary>The listeners the options ask for: <see cref="MixServerOptions.Listen"/>, or else
    /// <see cref="MixServerOptions.Address"/> and <see cref="MixServerOptions.Port"/> (https with
    /// <see cref="MixServerOptions.Tls"/>). Host names are resolved here; every problem is added to
    /// <paramref name="problems"/>.</summary>
    public static Listener[] Plan(MixServerOptions options, List<string> problems)
    {
        if (options.Listen is not { Count: > 0 } urls)
        {
            return FromAddress(options, problems) is { } listener ? [listener] : [];
        }

        var listeners = new List<Listener>();
        foreach (var text in urls)
        {
            var source = $"MixServerOptions.Listen: {ListenUrl.Quote(text)}";
            if (!ListenUrl.TryParse(text, out var url, out var problem))
            {
                problems.Add($"{source} {problem}.");
            }
            else if (ListenHost.Parse(url.Host) is not { } host)
            {
                problems.Add($"{source}: the host must be an IP address ([...] for IPv6; 0.0.0.0 or [::] for every address) or a host name, not '{url.Host}'.");
            }
            else if (Resolve(host, source, problems) is { } addresses)
            {
                listeners.Add(new Listener(url.Tls, host, url.Port, addresses));
            }
        }

        if (options.Tls is not null && !listeners.Any(listener => listener.Tls) && listeners.Count == urls.Count)
        {
            problems.Add("MixServerOptions.Tls is set, but no MixServerOptions.Listen URL is https.");
        }

        return [.. listeners];
    }

    /// <summary>Records the port an address was bound on; the listener's other addresses take the same.</summary>
    public void Bound(int port) => Port = port;

    private static Listener? FromAddress(MixServerOptions options, List<string> problems)
    {
        var host = ListenHost.Parse(options.Address);
        if (host is null)
        {
            problems.Add($"MixServerOptions.Address: the listen address must be an IP address or a host name, not {ListenUrl.Quote(options.Address)}.");
        }

        if (options.Port is < 0 or > 65535)
        {
            problems.Add($"MixServerOptions.Port: the port must be between 0 and 65535, not {options.Port}.");
            return null;
        }

        return host is not null && Resolve(host, "MixServerOptions.Address", problems) is { } addresses
            ? new Listener(options.Tls is not null, host, options.Port, addresses)
            : null;
    }

    private static IPAddress[]? Resolve(ListenHost host, string source, List<string> problems)
    {
        try
        {
            return host.Resolve();
        }
        catch (SocketException e)
        {
            problems.Add($"{source}: cannot resolve the listen address '{host.Name}' ({HttpSyntax.Printable(e.Message)}).");
            return null;
        }
    }
}
