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
    private static readonly EndpointHandler Noop = static _ => ValueTask.CompletedTask;

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
        var handlers = new HandlerMap(caseSensitive: false);
        handlers.Any("debug", Noop)
            .Any("parameter", Noop)
            .Any("parameter/special", Noop)
            .Any("refreshme", Noop)
            .Default(Noop);
        _tree = EndpointTree.Build(DemoTree(rawArgs: Tree == TreeShape.Demo), handlers, caseSensitive: false);
    }

    [Benchmark]
    public object ResolveAndSelect()
    {
        var match = _tree.Resolve(Case.Canonical, Case.Decoded);
        var selection = match.Node!.Selection("GET");
        return (object?)match.Params ?? selection.Handler;
    }

    /// <summary>The endpoint tree of samples/Demo/DemoModule.cs; <paramref name="rawArgs"/> false drops
    /// <c>RawArgs</c> from <c>/debug/sub</c>.</summary>
    private static EndpointNode DemoTree(bool rawArgs) => new()
    {
        // will use the default handler
        ["foobar"] = new(),
        ["refreshme"] = new() { NArgs = NArgs.Optional },
        ["parameter"] = new()
        {
            // this way /parameter will answer "missing arguments"
            NArgs = 1,
            ["*"] = new()
            {
                NArgs = 1,
                // handled by parameter/special
                ["special"] = new(),
            },
        },
        ["debug"] = new()
        {
            // these are for when /debug is called
            AllowedMethods = ["GET", "POST"],
            ["sub"] = new()
            {
                // handled by debug; don't canonicalize the rest of the path
                NArgs = NArgs.Any,
                RawArgs = rawArgs,
            },
            ["*"] = new()
            {
                ["debug"] = new()
                {
                    ["*"] = new() { VarName = "debug2" },
                },
            },
        },
    };
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
