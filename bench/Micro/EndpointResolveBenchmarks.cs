using BenchmarkDotNet.Attributes;

namespace MixNMatchttp.Benchmarks;

/// <summary>
/// Resolving a request path against the endpoint tree and picking the GET handler, as
/// <c>MixPipeline.TryEndpointAsync</c> does: <c>EndpointTree.Resolve</c> then <c>Selection("GET")</c>.
/// The tree is the demo's (samples/Demo/DemoModule.cs), with and without its raw-args endpoint
/// (<c>/debug/sub</c>): the decoded path is walked as well only when the tree has raw-args endpoints
/// and the canonical path differs from the decoded one.
/// Target: 0 bytes allocated without variable segments; with them, only the params dictionary and
/// the variables' values.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EndpointResolveBenchmarks
{
    private EndpointTree _tree = null!;

    /// <summary>Which tree: the demo's, or the demo's without raw-args endpoints.</summary>
    [Params(TreeShape.Demo, TreeShape.NoRawArgs)]
    public TreeShape Tree { get; set; }

    [ParamsSource(nameof(Cases))]
    public PathCase Case { get; set; } = null!;

    public static IEnumerable<PathCase> Cases { get; } =
    [
        new("/debug"),                          // static, handler bound
        new("/foobar"),                         // static, no handler: the default one
        new("/refreshme/5"),                    // static with an argument
        new("/debug/sub/a/b"),                  // static, two levels, raw-args endpoint (canonical == decoded)
        new("/parameter/x/special"),            // one variable segment
        new("/debug/bla/debug/foo"),            // two variable segments
        new("/debug/bar/baz", "/debug/sub/..//foo/../bar/./baz"), // un-canonical: raw-args walk in the demo tree
        new("/not/an/endpoint"),                // nothing matches: the root
    ];

    [GlobalSetup]
    public void Setup()
    {
        var demo = new Demo.DemoModule();
        var handlers = new HandlerMap(caseSensitive: false);
        demo.MapHandlers(handlers);
        var endpoints = demo.Endpoints;
        endpoints["debug"]["sub"].RawArgs = Tree == TreeShape.Demo;
        _tree = EndpointTree.Build(endpoints, handlers, caseSensitive: false);
    }

    [Benchmark]
    public object ResolveAndSelect()
    {
        var match = _tree.Resolve(Case.Canonical, Case.Decoded);
        var selection = match.Node!.Selection("GET");
        return (object?)match.Params ?? selection.Handler;
    }
}

public enum TreeShape
{
    Demo,
    NoRawArgs,
}

/// <summary>A request path as the pipeline passes it: canonical and decoded are the same string
/// instance when the path was already canonical (as <c>RequestTarget</c> does).</summary>
public sealed class PathCase
{
    public PathCase(string canonical, string? decoded = null)
    {
        Canonical = canonical;
        Decoded = decoded ?? canonical;
    }

    public string Canonical { get; }

    public string Decoded { get; }

    /// <summary>The path as sent (the decoded one).</summary>
    public override string ToString() => Decoded;
}
