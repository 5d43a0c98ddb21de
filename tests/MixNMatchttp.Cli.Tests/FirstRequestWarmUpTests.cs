using System.Reflection;
using MixNMatchttp.Cli.Serving;

namespace MixNMatchttp.Cli.Tests;

public sealed class FirstRequestWarmUpTests
{
    /// <summary>The warm-up finds Kestrel's header parser by name: a Kestrel that renames it makes this fail rather than
    /// the command silently start slower.</summary>
    [Fact]
    public void FindsKestrelsHeaderParser_WhichIsNeverPrecompiled()
    {
        var append = FirstRequestWarmUp.HeaderParserAppend();

        Assert.NotNull(append);
        Assert.True(append.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization), "the parser is no longer marked for full optimization: ReadyToRun precompiles it, and the warm-up can go");
    }
}
