using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MixNMatchttp.Cli.Serving;

/// <summary>
/// Kestrel's request-header parser is marked for full optimization, so it is never precompiled: the JIT compiles it
/// (~15 ms) when the first request arrives. This compiles it on another thread while the server starts to listen.
/// </summary>
internal static class FirstRequestWarmUp
{
    private const string HeaderParser = "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpRequestHeaders";

    public static void Start() => ThreadPool.UnsafeQueueUserWorkItem(static _ => Compile(), null);

    /// <summary>The parser's method that the first request needs compiled, or null when a Kestrel version has none by
    /// that name (then nothing is warmed up, and a test says so).</summary>
    internal static MethodInfo? HeaderParserAppend() =>
        typeof(KestrelServerOptions).Assembly.GetType(HeaderParser)?.GetMethod(
            "Append", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>), typeof(bool)]);

    private static void Compile()
    {
        if (HeaderParserAppend() is { } append)
        {
            RuntimeHelpers.PrepareMethod(append.MethodHandle);
        }
    }
}
