using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace MixNMatchttp;

/// <summary>
/// Binds the listeners' addresses for Kestrel: every address of a <see cref="Listener"/> on the same port (with port 0
/// the first address picks it), and a bind that fails (a port in use, no permission) becomes an
/// <see cref="IOException"/> whose message is one line naming the listener's URL and the reason.
/// </summary>
internal sealed class ListenerTransport(IConnectionListenerFactory inner) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => inner is not IConnectionListenerFactorySelector selector || selector.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not ListenerEndPoint { Listener: var listener } address)
        {
            return await inner.BindAsync(endpoint, cancellationToken);
        }

        try
        {
            var bound = await inner.BindAsync(new IPEndPoint(address.Address, listener.Port), cancellationToken);
            listener.Bound((bound.EndPoint as IPEndPoint)?.Port ?? listener.Port);
            return bound;
        }
        catch (Exception e) when (e is SocketException or AddressInUseException)
        {
            var which = listener.Host.Address is null ? $" ({address.Address})" : string.Empty;
            throw new IOException($"cannot listen on {listener.Url}{which}: {Reason(e)}", e);
        }
    }

    private static string Reason(Exception e) => (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "the address is already in use",
        SocketError.AccessDenied => "permission denied (a port below 1024 needs privileges)",
        SocketError.AddressNotAvailable => "the address is not one of this machine's",
        SocketError.AddressFamilyNotSupported => "this machine does not support the address's family (IPv6?)",
        _ => HttpSyntax.Printable(e.Message),
    };
}
