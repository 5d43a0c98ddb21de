using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Mix;
using MixNMatchttp.Files;

namespace MixNMatchttp.Benchmarks;

/// <summary>
/// One request through <c>MixPipeline.HandleAsync</c> without Kestrel's socket: the modules of bench/Mix
/// (<see cref="PlaintextModule"/> and <see cref="StaticFiles"/>) and the macro benchmark's paths, on a
/// reused <see cref="DefaultHttpContext"/> whose response body is <see cref="Stream.Null"/>.
/// Shows what the library itself allocates per request (Kestrel's own costs are not included).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PipelineBenchmarks
{
    private readonly DefaultHttpContext _context = new();
    private MixApp _app = null!;
    private MixPipeline _pipeline = null!;
    private string _root = string.Empty;

    [Params("/plaintext", "/file1k.txt", "/missing.txt")]
    public string Target { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task Setup()
    {
        _root = Directory.CreateTempSubdirectory("mixmicro").FullName;
        File.WriteAllText(Path.Combine(_root, "file1k.txt"), new string('x', 1024));
        // The server is built and started as bench/Mix is (on a free loopback port), then its pipeline is called directly.
        _app = MixServer.Create(new MixServerOptions { Address = "127.0.0.1", Port = 0, ConfigureLogging = _ => { } })
            .Add(new PlaintextModule())
            .Add(new StaticFiles(new StaticFilesOptions { Root = _root }))
            .Build();
        await _app.StartAsync();
        _pipeline = _app.Pipeline;
        _context.Request.Method = HttpMethods.Get;
        _context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = Target;
        _context.Response.Body = Stream.Null;
        await _pipeline.HandleAsync(_context);
        var expected = Target == "/missing.txt" ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        if (_context.Response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {Target} answered {_context.Response.StatusCode}, expected {expected}.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _app.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public Task Handle() => _pipeline.HandleAsync(_context);
}
