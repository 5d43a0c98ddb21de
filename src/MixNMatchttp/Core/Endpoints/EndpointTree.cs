using System.Collections.Frozen;

namespace MixNMatchttp;

/// <summary>
/// The merged endpoint tree, frozen at start-up, and the resolution of a request path against it
/// (docs/behaviour.md, "Endpoint tree"). Resolution walks the canonical path segment by segment; when the tree has endpoints with
/// raw arguments, the decoded, un-canonical path is walked too, so that such an endpoint receives the
/// rest of it untouched.
/// </summary>
internal sealed class EndpointTree
{
    private static readonly string[] DefaultMethods = ["GET", "HEAD"];
    private static readonly EndpointHandler EmptyResponse = static context => new ValueTask(context.SendEmptyAsync());

    private readonly int _rawDepth;

    private EndpointTree(CompiledEndpoint root, int rawDepth)
    {
        Root = root;
        _rawDepth = rawDepth;
    }

    public CompiledEndpoint Root { get; }

    /// <summary>Compiles a declared tree and pre-selects each endpoint's handler per method.</summary>
    public static EndpointTree Build(EndpointNode declared, HandlerMap handlers, bool caseSensitive)
    {
        var comparer = caseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var table = handlers.Freeze();
        var rawDepth = 0;
        var root = Compile(declared, string.Empty, null, string.Empty, depth: 0);
        return new EndpointTree(root, rawDepth);

        CompiledEndpoint Compile(EndpointNode node, string name, CompiledEndpoint? parent, string displayPath, int depth)
        {
            var isVariable = name == EndpointNode.Variable;
            var attributes = Resolve(node, name, parent, displayPath);
            var handlerPath = isVariable || parent is null ? parent?.HandlerPath ?? string.Empty
                : parent.HandlerPath.Length == 0 ? name : $"{parent.HandlerPath}/{name}";
            var compiled = new CompiledEndpoint(name, isVariable, attributes, handlerPath);
            if (attributes.RawArgs)
            {
                if (node.Children.Count > 0)
                {
                    throw new MixConfigurationException($"Endpoint '{displayPath}' takes raw arguments and so cannot have children.");
                }

                rawDepth = Math.Max(rawDepth, depth);
            }

            var named = new Dictionary<string, CompiledEndpoint>(comparer);
            CompiledEndpoint? variable = null;
            foreach (var (childName, child) in node.Children)
            {
                var key = caseSensitive || childName == EndpointNode.Variable ? childName : childName.ToLowerInvariant();
                if (named.ContainsKey(key))
                {
                    throw new MixConfigurationException($"Endpoint '{displayPath}/{childName}' is declared twice with different letter case.");
                }

                var compiledChild = Compile(child, key, compiled, $"{displayPath}/{key}", depth + 1);
                if (key == EndpointNode.Variable)
                {
                    variable = compiledChild;
                }
                else
                {
                    named.Add(key, compiledChild);
                }
            }

            compiled.SetChildren(named, variable, comparer);
            compiled.SetSelections(SelectHandlers(compiled, table, handlers.DefaultHandler));
            return compiled;
        }
    }

    /// <summary>
    /// Resolves a canonical path (and, for raw arguments, the decoded path it came from) to the deepest
    /// endpoint whose full path is a prefix of it. Both paths start with '/'.
    /// </summary>
    public EndpointMatch Resolve(string canonicalPath, string decodedPath)
    {
        if (_rawDepth > 0 && !ReferenceEquals(canonicalPath, decodedPath) && TryResolveRaw(decodedPath, out var raw))
        {
            return raw;
        }

        var node = Root;
        var argsStart = 1;
        Dictionary<string, string>? parameters = null;
        var path = canonicalPath.AsSpan();
        while (argsStart < path.Length)
        {
            var length = path[argsStart..].IndexOf('/');
            var segmentEnd = length < 0 ? path.Length : argsStart + length;
            var segment = path[argsStart..segmentEnd];
            var child = node.Child(segment);
            if (child is null)
            {
                break;
            }

            if (child.IsVariable)
            {
                (parameters ??= [])[child.Attributes.VarName!] = segment.ToString();
            }

            node = child;
            argsStart = segmentEnd + 1;
            if (node.Attributes.RawArgs)
            {
                break;
            }
        }

        return new EndpointMatch(node, canonicalPath, argsStart, parameters);
    }

    /// <summary>
    /// Canonicalizes the decoded path one segment at a time; the first time the canonical prefix is
    /// exactly an endpoint with raw arguments, the rest of the decoded path is its arguments.
    /// </summary>
    private bool TryResolveRaw(string decodedPath, out EndpointMatch match)
    {
        var segmentCount = decodedPath.AsSpan().Count('/') + 1;
        Span<Range> stack = segmentCount <= 64 ? stackalloc Range[segmentCount] : new Range[segmentCount];
        var depth = 0;
        var position = 1;
        while (position <= decodedPath.Length)
        {
            var length = decodedPath.AsSpan(position).IndexOf('/');
            var end = length < 0 ? decodedPath.Length : position + length;
            var segment = decodedPath.AsSpan(position, end - position);
            var start = position;
            position = end + 1;
            if (segment.IsEmpty || segment.SequenceEqual("."))
            {
                continue;
            }

            if (segment.SequenceEqual(".."))
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            stack[depth++] = new Range(start, end);
            if (depth > _rawDepth)
            {
                continue;
            }

            var node = Walk(decodedPath, stack[..depth], out var parameters);
            if (node is { Attributes.RawArgs: true })
            {
                match = new EndpointMatch(node, decodedPath, end + 1, parameters);
                return true;
            }
        }

        match = default;
        return false;
    }

    private CompiledEndpoint? Walk(string path, ReadOnlySpan<Range> segments, out Dictionary<string, string>? parameters)
    {
        var node = Root;
        parameters = null;
        foreach (var range in segments)
        {
            var segment = path.AsSpan()[range];
            var child = node.Child(segment);
            if (child is null)
            {
                return null;
            }

            if (child.IsVariable)
            {
                (parameters ??= [])[child.Attributes.VarName!] = segment.ToString();
            }

            node = child;
        }

        return node;
    }

    private static EndpointAttributes Resolve(EndpointNode node, string name, CompiledEndpoint? parent, string displayPath)
    {
        var isVariable = name == EndpointNode.Variable;
        if (node.VarName is not null && !isVariable)
        {
            throw new MixConfigurationException($"Endpoint '{displayPath}' sets VarName but is not a variable ('*') endpoint.");
        }

        var varName = isVariable ? node.VarName ?? parent?.Name : null;
        if (isVariable && string.IsNullOrEmpty(varName))
        {
            throw new MixConfigurationException($"Variable endpoint '{displayPath}' has no parent name to record its value under: set VarName.");
        }

        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var method in node.AllowedMethods ?? DefaultMethods)
        {
            if (string.IsNullOrWhiteSpace(method) || !method.All(char.IsAsciiLetter))
            {
                throw new MixConfigurationException($"Endpoint '{displayPath}' allows an invalid method '{method}'.");
            }

            methods.Add(method.ToUpperInvariant());
        }

        if (methods.Contains("GET"))
        {
            methods.Add("HEAD");
        }

        return new EndpointAttributes(
            Disabled: node.Disabled ?? parent is null,
            AllowedMethods: [.. methods],
            NArgs: node.NArgs ?? 0,
            RawArgs: node.RawArgs ?? false,
            VarName: varName,
            RequiredParams: [.. node.RequiredParams ?? []]);
    }

    private static HandlerSelection[] SelectHandlers(CompiledEndpoint endpoint, FrozenDictionary<(string Method, string Path), EndpointHandler> table, EndpointHandler? defaultHandler)
    {
        var methods = endpoint.Attributes.AllowedMethods.Append("OPTIONS").Distinct(StringComparer.Ordinal);
        return [.. methods.Select(method => Select(method))];

        HandlerSelection Select(string method)
        {
            string[] candidates = method switch
            {
                "HEAD" => ["HEAD", "GET", string.Empty],
                "OPTIONS" => ["OPTIONS"],
                _ => [method, string.Empty],
            };
            var path = endpoint.HandlerPath;
            while (path.Length > 0)
            {
                foreach (var candidate in candidates)
                {
                    if (table.TryGetValue((candidate, path), out var handler))
                    {
                        var sub = endpoint.HandlerPath.Length > path.Length ? endpoint.HandlerPath[(path.Length + 1)..] : string.Empty;
                        return new HandlerSelection(method, handler, "/" + path, sub);
                    }
                }

                var slash = path.LastIndexOf('/');
                path = slash < 0 ? string.Empty : path[..slash];
            }

            var fallback = method == "OPTIONS" ? EmptyResponse : defaultHandler ?? EmptyResponse;
            return new HandlerSelection(method, fallback, string.Empty, endpoint.HandlerPath);
        }
    }
}
