using System.Net;

namespace MixNMatchttp;

/// <summary>One address of a <see cref="Listener"/>, as Kestrel is told to listen on it.</summary>
internal sealed class ListenerEndPoint(Listener listener, IPAddress address) : IPEndPoint(address, listener.Port)
{
    public Listener Listener { get; } = listener;
}
