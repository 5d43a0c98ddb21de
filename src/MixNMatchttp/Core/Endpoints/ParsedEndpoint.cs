namespace MixNMatchttp;

/// <summary>
/// The endpoint a request resolved to, as its handler sees it (docs/behaviour.md, "Endpoint tree"): for <c>GET /parameter/foo/bar</c>
/// handled by <c>parameter</c>, <see cref="Root"/> is <c>/parameter</c>, <see cref="Sub"/> is empty,
/// <see cref="Args"/> is <c>bar</c> and <see cref="Params"/> holds <c>parameter = foo</c>.
/// </summary>
public sealed class ParsedEndpoint
{
    private static readonly IReadOnlyDictionary<string, string> NoParams = new Dictionary<string, string>();

    internal ParsedEndpoint(CompiledEndpoint endpoint, HandlerSelection selection, EndpointMatch match)
    {
        Attributes = endpoint.Attributes;
        Root = selection.Root;
        Sub = selection.Sub;
        Args = match.ArgsString;
        ArgsLen = match.ArgsLength;
        Params = match.Params ?? NoParams;
    }

    /// <summary>The path (leading '/', lower-case, no variable segments) of the endpoint whose handler
    /// was chosen; empty for the default handler.</summary>
    public string Root { get; }

    /// <summary>The rest of the endpoint's path after <see cref="Root"/>, without a leading '/'.</summary>
    public string Sub { get; }

    /// <summary>Everything after the endpoint's path, without a leading '/': canonical, or as sent for
    /// endpoints with raw arguments.</summary>
    public string Args { get; }

    /// <summary>The number of non-empty slash-separated arguments.</summary>
    public int ArgsLen { get; }

    /// <summary>The values of variable segments by their VarName.</summary>
    public IReadOnlyDictionary<string, string> Params { get; }

    /// <summary>The endpoint's attributes, defaults applied.</summary>
    public EndpointAttributes Attributes { get; }
}
