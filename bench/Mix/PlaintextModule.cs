using MixNMatchttp;

namespace Mix;

/// <summary>The plaintext scenario: <c>GET /plaintext</c> answers <c>Hello, World!</c> as text/plain.</summary>
public sealed class PlaintextModule : MixModule
{
    private static readonly byte[] HelloBytes = "Hello, World!"u8.ToArray();

    public override EndpointNode Endpoints => new()
    {
        ["plaintext"] = new(),
    };

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Get("plaintext", c => new(c.RenderAsync(HelloBytes, "text/plain; charset=utf-8")));
    }
}
