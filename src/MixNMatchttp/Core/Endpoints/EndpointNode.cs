namespace MixNMatchttp;

/// <summary>
/// A node of the endpoint tree as a module declares it, in the seed's nested-dictionary style:
/// properties are the <c>$attributes</c>, the indexer holds child endpoints, and <c>"*"</c> is a
/// variable segment.
/// <code>
/// new EndpointNode
/// {
///     ["parameter"] = new() { NArgs = 1, ["*"] = new() { NArgs = 1, ["special"] = new() } },
/// }
/// </code>
/// Attributes left unset (null) take their defaults when the tree is built, so merging the trees of
/// several modules never clobbers a value that one of them set explicitly.
/// </summary>
public sealed class EndpointNode
{
    /// <summary>The segment name of a variable (parametrized) endpoint.</summary>
    public const string Variable = "*";

    private readonly Dictionary<string, EndpointNode> _children = new(StringComparer.Ordinal);

    /// <summary>Whether the endpoint cannot be called directly. Default: true for the root, false for children.</summary>
    public bool? Disabled { get; set; }

    /// <summary>Allowed HTTP methods; HEAD is added whenever GET is present. Default: GET, HEAD.</summary>
    public IReadOnlyCollection<string>? AllowedMethods { get; set; }

    /// <summary>How many arguments may follow the endpoint. Default: exactly 0.</summary>
    public NArgs? NArgs { get; set; }

    /// <summary>Whether the arguments after this endpoint are passed as sent, not canonicalized. Default: false.
    /// An endpoint with raw arguments may not have children.</summary>
    public bool? RawArgs { get; set; }

    /// <summary>For a <c>*</c> endpoint: the key its value is recorded under in <see cref="ParsedEndpoint.Params"/>.
    /// Default: the parent's name.</summary>
    public string? VarName { get; set; }

    /// <summary>Body or query parameters a request must carry; a request missing any of them gets 400 naming them.
    /// Default: none.</summary>
    public IReadOnlyCollection<string>? RequiredParams { get; set; }

    /// <summary>The child endpoint for a path segment (or <c>"*"</c>).</summary>
    public EndpointNode this[string segment]
    {
        get => _children[segment];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (string.IsNullOrEmpty(segment) || segment.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"An endpoint name must be one non-empty path segment, not '{segment}'.", nameof(segment));
            }

            _children[segment] = value;
        }
    }

    /// <summary>The child endpoints by segment name.</summary>
    public IReadOnlyDictionary<string, EndpointNode> Children => _children;

    /// <summary>
    /// Copies into this node what <paramref name="other"/> defines and this node does not: attributes
    /// left unset here and children missing here; children present in both merge recursively.
    /// </summary>
    public void MergeWithoutClobbering(EndpointNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Disabled ??= other.Disabled;
        AllowedMethods ??= other.AllowedMethods;
        NArgs ??= other.NArgs;
        RawArgs ??= other.RawArgs;
        VarName ??= other.VarName;
        RequiredParams ??= other.RequiredParams;
        foreach (var (name, child) in other._children)
        {
            if (_children.TryGetValue(name, out var mine))
            {
                mine.MergeWithoutClobbering(child);
            }
            else
            {
                var copy = new EndpointNode();
                copy.MergeWithoutClobbering(child);
                _children[name] = copy;
            }
        }
    }
}
