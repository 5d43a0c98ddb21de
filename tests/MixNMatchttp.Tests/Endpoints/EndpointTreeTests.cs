namespace MixNMatchttp.Tests.Endpoints;

public sealed class EndpointTreeTests
{
    private static readonly EndpointHandler Noop = _ => default;

    private static EndpointTree Build(EndpointNode root, Action<HandlerMap>? handlers = null, bool caseSensitive = false)
    {
        var map = new HandlerMap(caseSensitive);
        handlers?.Invoke(map);
        return EndpointTree.Build(root, map, caseSensitive);
    }

    private static EndpointMatch Resolve(EndpointTree tree, string path, string? decoded = null) =>
        tree.Resolve(RequestTarget.Canonicalize(decoded ?? path), decoded ?? path);

    [Fact]
    public void Root_IsDisabledByDefault_ChildrenAreEnabled()
    {
        var tree = Build(new() { ["a"] = new() { ["b"] = new() } });
        Assert.True(tree.Root.Attributes.Disabled);
        Assert.False(Resolve(tree, "/a").Node!.Attributes.Disabled);
        Assert.False(Resolve(tree, "/a/b").Node!.Attributes.Disabled);
    }

    [Fact]
    public void AllowedMethods_DefaultToGetAndHead_AndHeadIsAddedToGet()
    {
        var tree = Build(new() { ["a"] = new(), ["b"] = new() { AllowedMethods = ["get", "POST"] }, ["c"] = new() { AllowedMethods = ["PUT"] } });
        Assert.Equal(["GET", "HEAD"], Resolve(tree, "/a").Node!.Attributes.AllowedMethods);
        Assert.Equal(["GET", "HEAD", "POST"], Resolve(tree, "/b").Node!.Attributes.AllowedMethods);
        Assert.Equal(["PUT"], Resolve(tree, "/c").Node!.Attributes.AllowedMethods);
        Assert.Equal("GET, HEAD, POST", Resolve(tree, "/b").Node!.AllowHeader);
    }

    [Fact]
    public void DeepestMatchingEndpoint_Wins_AndTheRestAreArgs()
    {
        var tree = Build(new() { ["a"] = new() { ["b"] = new() { ["c"] = new() } } });
        var match = Resolve(tree, "/a/b/x/y");
        Assert.Equal("a/b", match.Node!.HandlerPath);
        Assert.Equal("x/y", match.ArgsString);
        Assert.Equal(2, match.ArgsLength);
    }

    [Fact]
    public void ArgsLength_CountsOnlyNonEmptySegments()
    {
        var tree = Build(new() { ["a"] = new() { NArgs = NArgs.Any } });
        Assert.Equal(2, Resolve(tree, "/a/x/y/").ArgsLength);
        Assert.Equal(0, Resolve(tree, "/a/").ArgsLength);
    }

    [Fact]
    public void NotAnEndpoint_ResolvesToTheDisabledRoot()
    {
        var tree = Build(new() { ["a"] = new() });
        var match = Resolve(tree, "/b/c");
        Assert.Same(tree.Root, match.Node);
        Assert.Equal("b/c", match.ArgsString);
    }

    [Fact]
    public void VariableSegment_RecordsValueUnderParentName_OrVarName()
    {
        var tree = Build(new() { ["person"] = new() { ["*"] = new() { ["age"] = new() } }, ["x"] = new() { ["*"] = new() { VarName = "id" } } });
        var match = Resolve(tree, "/person/Alice/age");
        Assert.Equal("person/age", match.Node!.HandlerPath);
        Assert.Equal("Alice", match.Params!["person"]);
        Assert.Equal("7", Resolve(tree, "/x/7").Params!["id"]);
    }

    [Fact]
    public void NamedChild_TakesPrecedenceOverVariableChild()
    {
        var tree = Build(new() { ["a"] = new() { ["new"] = new(), ["*"] = new() } });
        Assert.False(Resolve(tree, "/a/new").Node!.IsVariable);
        Assert.Null(Resolve(tree, "/a/new").Params);
        Assert.True(Resolve(tree, "/a/other").Node!.IsVariable);
    }

    [Fact]
    public void Matching_IsCaseInsensitive_ByDefault_AndHandlersSeeLowerCase()
    {
        var tree = Build(new() { ["Foo"] = new() { ["Bar"] = new() } }, map => map.Get("FOO", Noop));
        var match = Resolve(tree, "/FOO/bAr");
        Assert.Equal("foo/bar", match.Node!.HandlerPath);
        Assert.Equal("/foo", match.Node.Selection("GET").Root);
        Assert.Equal("bar", match.Node.Selection("GET").Sub);
    }

    [Fact]
    public void CaseSensitiveOption_MatchesExactCaseOnly()
    {
        var tree = Build(new() { ["Foo"] = new() }, caseSensitive: true);
        Assert.Equal("Foo", Resolve(tree, "/Foo").Node!.HandlerPath);
        Assert.Same(tree.Root, Resolve(tree, "/foo").Node);
    }

    [Fact]
    public void RawArgs_TakeTheDecodedPathAfterTheEndpoint_Untouched()
    {
        var tree = Build(new() { ["debug"] = new() { ["sub"] = new() { NArgs = NArgs.Any, RawArgs = true } } });
        var match = Resolve(tree, "/debug/sub/..//foo/../bar/./baz");
        Assert.Equal("debug/sub", match.Node!.HandlerPath);
        Assert.Equal("..//foo/../bar/./baz", match.ArgsString);
    }

    [Fact]
    public void RawArgs_EndpointIsReachedByCanonicalizingSegmentBySegment()
    {
        var tree = Build(new() { ["debug"] = new() { ["sub"] = new() { NArgs = NArgs.Any, RawArgs = true } } });
        var match = Resolve(tree, "/x/../debug//./sub/a/../b");
        Assert.Equal("debug/sub", match.Node!.HandlerPath);
        Assert.Equal("a/../b", match.ArgsString);
    }

    [Fact]
    public void NonRawEndpoint_GetsCanonicalArgs()
    {
        var tree = Build(new() { ["a"] = new() { NArgs = NArgs.Any } });
        var match = Resolve(tree, "/a/x/../y//z");
        Assert.Equal("y/z", match.ArgsString);
        Assert.Equal(2, match.ArgsLength);
    }

    [Fact]
    public void RawArgsEndpointWithChildren_IsAStartupError()
    {
        var error = Assert.Throws<MixConfigurationException>(() => Build(new() { ["a"] = new() { RawArgs = true, ["b"] = new() } }));
        Assert.Contains("/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VarNameOnNamedEndpoint_IsAStartupError() =>
        Assert.Throws<MixConfigurationException>(() => Build(new() { ["a"] = new() { VarName = "x" } }));

    [Fact]
    public void VariableUnderRootWithoutVarName_IsAStartupError() =>
        Assert.Throws<MixConfigurationException>(() => Build(new() { ["*"] = new() }));

    [Fact]
    public void InvalidMethodName_IsAStartupError() =>
        Assert.Throws<MixConfigurationException>(() => Build(new() { ["a"] = new() { AllowedMethods = ["GE T"] } }));

    [Fact]
    public void HandlerSelection_PrefersMethodThenAnyMethod_FromMostToLeastSpecific()
    {
        EndpointHandler abAny = _ => default, aGet = _ => default, aAny = _ => default, fallback = _ => default;
        var tree = Build(
            new() { ["a"] = new() { AllowedMethods = ["GET", "POST", "PUT"], ["b"] = new() { AllowedMethods = ["GET", "POST", "PUT"], ["c"] = new() { AllowedMethods = ["GET", "POST", "PUT"] } } } },
            map => map.Any("a/b", abAny).Get("a", aGet).Any("a", aAny).Default(fallback));
        var abc = Resolve(tree, "/a/b/c").Node!;
        Assert.Same(abAny, abc.Selection("GET").Handler);
        Assert.Equal("/a/b", abc.Selection("GET").Root);
        Assert.Equal("c", abc.Selection("GET").Sub);
        var a = Resolve(tree, "/a").Node!;
        Assert.Same(aGet, a.Selection("GET").Handler);
        Assert.Same(aGet, a.Selection("HEAD").Handler);
        Assert.Same(aAny, a.Selection("POST").Handler);
    }

    [Fact]
    public void MethodSpecificHandlerOnShorterPath_LosesToAnyMethodHandlerOnLongerPath()
    {
        EndpointHandler postA = _ => default, anyAB = _ => default;
        var tree = Build(new() { ["a"] = new() { ["b"] = new() { AllowedMethods = ["POST"] } } }, map => map.Post("a", postA).Any("a/b", anyAB));
        Assert.Same(anyAB, Resolve(tree, "/a/b").Node!.Selection("POST").Handler);
    }

    [Fact]
    public void NoHandler_UsesTheDefault_WithEmptyRootAndTheWholePathAsSub()
    {
        EndpointHandler fallback = _ => default;
        var tree = Build(new() { ["foo"] = new() { ["bar"] = new() } }, map => map.Default(fallback));
        var selection = Resolve(tree, "/foo/bar").Node!.Selection("GET");
        Assert.Same(fallback, selection.Handler);
        Assert.Equal(string.Empty, selection.Root);
        Assert.Equal("foo/bar", selection.Sub);
    }

    [Fact]
    public void VariableSegments_AddNothingToTheHandlerPath()
    {
        EndpointHandler age = _ => default;
        var tree = Build(new() { ["person"] = new() { ["*"] = new() { ["age"] = new() } } }, map => map.Get("person/age", age));
        var node = Resolve(tree, "/person/bob/age").Node!;
        Assert.Same(age, node.Selection("GET").Handler);
        Assert.Equal("/person/age", node.Selection("GET").Root);
    }

    [Fact]
    public void OptionsSelection_UsesOnlyOptionsHandlers()
    {
        EndpointHandler any = _ => default, options = _ => default;
        var tree = Build(new() { ["a"] = new(), ["b"] = new() }, map => map.Any("a", any).Any("b", any).Options("b", options));
        Assert.NotSame(any, Resolve(tree, "/a").Node!.Selection("OPTIONS").Handler);
        Assert.Same(options, Resolve(tree, "/b").Node!.Selection("OPTIONS").Handler);
    }

    [Fact]
    public void MergeWithoutClobbering_KeepsTheFirstAttributeAndMergesChildren()
    {
        var first = new EndpointNode { ["a"] = new() { NArgs = 1, ["x"] = new() } };
        first.MergeWithoutClobbering(new EndpointNode { Disabled = false, ["a"] = new() { NArgs = 2, RawArgs = false, ["y"] = new() }, ["b"] = new() });
        Assert.Equal(1, first["a"].NArgs!.Value.Min);
        Assert.False(first["a"].RawArgs);
        Assert.False(first.Disabled);
        Assert.Equal(["x", "y"], first["a"].Children.Keys.Order());
        Assert.True(first.Children.ContainsKey("b"));
    }

    [Fact]
    public void MergeWithoutClobbering_CopiesChildren_SoLaterChangesToTheSourceDoNotLeak()
    {
        var source = new EndpointNode { ["a"] = new() };
        var target = new EndpointNode();
        target.MergeWithoutClobbering(source);
        source["a"].NArgs = 5;
        Assert.Null(target["a"].NArgs);
    }

    [Theory]
    [InlineData("?", 0, 1)]
    [InlineData("*", 0, int.MaxValue)]
    [InlineData("+", 1, int.MaxValue)]
    [InlineData("3", 3, 3)]
    public void NArgs_ParsesTheSeedNotation(string text, int min, int max)
    {
        var nargs = NArgs.Parse(text);
        Assert.Equal((min, max), (nargs.Min, nargs.Max));
        Assert.Equal(text, nargs.ToString());
    }

    [Fact]
    public void NArgs_RejectsAnythingElse() => Assert.Throws<FormatException>(() => NArgs.Parse("-1"));
}
