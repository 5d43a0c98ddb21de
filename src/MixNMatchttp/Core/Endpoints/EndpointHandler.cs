namespace MixNMatchttp;

/// <summary>
/// Code run for an endpoint. The parsed endpoint is <see cref="RequestContext.Endpoint"/>; the handler
/// answers through the context's response helpers.
/// </summary>
public delegate ValueTask EndpointHandler(RequestContext context);
