using System.Collections.Frozen;

namespace MixNMatchttp;

/// <summary>An endpoint of the frozen tree: attributes resolved, children indexed, handlers pre-selected per method.</summary>
internal sealed class CompiledEndpoint
{
    private FrozenDictionary<string, CompiledEndpoint> _children = FrozenDictionary<string, CompiledEndpoint>.Empty;
    private FrozenDictionary<string, CompiledEndpoint>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private HandlerSelection[] _selections = [];

    public CompiledEndpoint(string name, bool isVariable, EndpointAttributes attributes, string handlerPath)
    {
        Name = name;
        IsVariable = isVariable;
        Attributes = attributes;
        HandlerPath = handlerPath;
        AllowHeader = string.Join(", ", attributes.AllowedMethods);
    }

    public string Name { get; }

    public bool IsVariable { get; }

    public EndpointAttributes Attributes { get; }

    /// <summary>The endpoint's path without variable segments, e.g. <c>person/age</c>; empty for the root.</summary>
    public string HandlerPath { get; }

    /// <summary>The value of the <c>Allow</c> header for this endpoint.</summary>
    public string AllowHeader { get; }

    public CompiledEndpoint? VariableChild { get; private set; }

    /// <summary>The child matching <paramref name="segment"/>: a named child first, else the variable child.</summary>
    public CompiledEndpoint? Child(ReadOnlySpan<char> segment) =>
        _children.Count > 0 && _lookup.TryGetValue(segment, out var child) ? child : VariableChild;

    public bool Allows(string method)
    {
        foreach (var allowed in Attributes.AllowedMethods)
        {
            if (string.Equals(allowed, method, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pre-selected handler for an allowed method or OPTIONS.</summary>
    public HandlerSelection Selection(string method)
    {
        foreach (var selection in _selections)
        {
            if (string.Equals(selection.Method, method, StringComparison.Ordinal))
            {
                return selection;
            }
        }

        throw new InvalidOperationException($"No handler was selected for {method} {HandlerPath}.");
    }

    internal void SetChildren(Dictionary<string, CompiledEndpoint> named, CompiledEndpoint? variable, StringComparer comparer)
    {
        _children = named.ToFrozenDictionary(comparer);
        _lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
        VariableChild = variable;
    }

    internal void SetSelections(HandlerSelection[] selections) => _selections = selections;
}
