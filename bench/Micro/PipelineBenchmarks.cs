using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mix;
using MixNMatchttp.Files;

namespace MixNMatchttp.Benchmarks;

/// <summary>
/// One request through <c>MixPipeline.HandleAsync</c> without Kestrel: the modules of bench/Mix
/// (<see cref="PlaintextModule"/> and <see cref="StaticFiles"/>) and the macro benchmark's paths, on a
/// reused <see cref="DefaultHttpContext"/> whose response body is <see cref="Stream.Null"/>.
/// Shows what the library itself allocates per request (Kestrel's own costs are not included).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PipelineBenchmarks
{
    private readonly DefaultHttpContext _context = new();
    private MixPipeline _pipeline = null!;
    private string _root = string.Empty;

    [Params("/plaintext", "/file1k.txt", "/missing.txt")]
    public string Target { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("mixmicro").FullName;
        File.WriteAllText(Path.Combine(_root, "file1k.txt"), new string('x', 1024));
        MixModule[] modules = [new PlaintextModule(), new StaticFiles(new StaticFilesOptions { Root = _root })];
        var options = new MixServerOptions();
        var declared = new EndpointNode();
        var handlers = new HandlerMap(options.CaseSensitiveEndpoints);
        foreach (var module in modules)
        {
            declared.MergeWithoutClobbering(module.Endpoints);
            module.MapHandlers(handlers);
        }

        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        foreach (var module in modules)
        {
            module.Start(services);
        }

        var tree = EndpointTree.Build(declared, handlers, options.CaseSensitiveEndpoints);
        _pipeline = new MixPipeline(modules, tree, new TemplateSet(modules), options, NullLogger.Instance);
        _context.Request.Method = HttpMethods.Get;
        _context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = Target;
        _context.Response.Body = Stream.Null;
        _pipeline.HandleAsync(_context).GetAwaiter().GetResult();
        var expected = Target == "/missing.txt" ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        if (_context.Response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {Target} answered {_context.Response.StatusCode}, expected {expected}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public Task Handle() => _pipeline.HandleAsync(_context);
}
