namespace MixNMatchttp;

/// <summary>
/// The structural result of resolving a path against the endpoint tree: the deepest endpoint matched,
/// where its arguments start, and the values of variable segments. Allocates nothing unless variable
/// segments were matched.
/// </summary>
internal readonly struct EndpointMatch(CompiledEndpoint? node, string argsSource, int argsStart, Dictionary<string, string>? parameters)
{
    /// <summary>The endpoint matched, or null when the path is not an endpoint.</summary>
    public CompiledEndpoint? Node { get; } = node;

    public Dictionary<string, string>? Params { get; } = parameters;

    public ReadOnlySpan<char> Args => argsStart >= argsSource.Length ? [] : argsSource.AsSpan(argsStart);

    public string ArgsString => argsStart >= argsSource.Length ? string.Empty : argsSource[argsStart..];

    /// <summary>The number of non-empty slash-separated arguments.</summary>
    public int ArgsLength
    {
        get
        {
            var count = 0;
            foreach (var range in Args.Split('/'))
            {
                if (range.End.Value > range.Start.Value)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
