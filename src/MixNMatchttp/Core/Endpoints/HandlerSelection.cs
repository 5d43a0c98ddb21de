namespace MixNMatchttp;

/// <summary>The handler chosen for (endpoint, method), with the endpoint's Root and Sub as the handler sees them.</summary>
internal sealed record HandlerSelection(string Method, EndpointHandler Handler, string Root, string Sub);
