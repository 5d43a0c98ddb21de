namespace MixNMatchttp.Testing;

/// <summary>A module assembled from lambdas, for tests that need a few endpoints and handlers.</summary>
internal sealed class TestModule(EndpointNode endpoints, Action<HandlerMap>? handlers = null) : MixModule
{
    public override EndpointNode Endpoints => endpoints;

    public Func<RequestContext, ValueTask<Denial?>>? Deny { get; init; }

    public Func<RequestContext, bool>? NoCacheWhen { get; init; }

    public Action<RequestContext, Microsoft.AspNetCore.Http.IHeaderDictionary>? Headers { get; init; }

    public override void MapHandlers(HandlerMap map) => handlers?.Invoke(map);

    public override ValueTask<Denial?> DeniedAsync(RequestContext context) => Deny?.Invoke(context) ?? default;

    public override bool NoCache(RequestContext context) => NoCacheWhen?.Invoke(context) ?? false;

    public override void AddHeaders(RequestContext context, Microsoft.AspNetCore.Http.IHeaderDictionary headers) => Headers?.Invoke(context, headers);
}
