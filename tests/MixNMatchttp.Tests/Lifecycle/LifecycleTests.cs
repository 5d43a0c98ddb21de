using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MixNMatchttp.Capture;
using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;
using MixNMatchttp.PathPolicies;

namespace MixNMatchttp.Tests.Lifecycle;

public sealed class LifecycleTests
{
    private static MixServerOptions Quiet(int port = 0) => new() { Port = port, ConfigureLogging = _ => { } };

    [Fact]
    public void EveryConfigurationProblem_IsReportedAtOnce_InOneException()
    {
        var server = MixServer.Create(new MixServerOptions { Port = 70000, MaxRequestBodySize = -1, ConfigureLogging = _ => { } })
            .Add(new StaticFiles(new StaticFilesOptions { Root = "/no/such/dir", MemoryCacheCapacity = -5 }))
            .Add(new Cors(new CorsOptions { AllowOrigin = CorsOrigin.List, Origins = ["not an origin", "https://a.example:443"] }))
            .Add(new DenyPaths(new DenyPathsOptions { Patterns = ["", "/a/../b"] }));

        var error = Assert.Throws<MixConfigurationException>(() => server.Build());

        Assert.Equal(8, error.Problems.Count);
        Assert.StartsWith("8 configuration problems:", error.Message, StringComparison.Ordinal);
        string[] expected =
        [
            "MixServerOptions.Port", "MixServerOptions.MaxRequestBodySize", "StaticFilesOptions.Root", "StaticFilesOptions.MemoryCacheCapacity",
            "CorsOptions.Origins: 'not an origin'", "CorsOptions.Origins: 'https://a.example:443'", "DenyPathsOptions.Patterns: a path pattern cannot be empty",
            "DenyPathsOptions.Patterns: the path pattern '/a/../b'",
        ];
        foreach (var (problem, prefix) in error.Problems.Zip(expected))
        {
            Assert.StartsWith(prefix, problem, StringComparison.Ordinal);
            Assert.Contains("- " + problem, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OneProblem_IsTheWholeMessage()
    {
        var error = Assert.Throws<MixConfigurationException>(() => MixServer.Create(Quiet(-1)).Build());
        Assert.Equal("MixServerOptions.Port: the port must be between 0 and 65535, not -1.", error.Message);
        Assert.Equal([error.Message], error.Problems);
    }

    [Fact]
    public async Task AFailingModuleStart_DisposesTheModulesStartedBefore_InReverse_AndNeverStartsTheRest()
    {
        var journal = new List<string>();
        var failure = new InvalidOperationException("the store is unreachable");
        var app = MixServer.Create(Quiet())
            .Add(new RecordingModule("a", journal))
            .Add(new RecordingModule("b", journal))
            .Add(new RecordingModule("c", journal, failure))
            .Add(new RecordingModule("d", journal))
            .Build();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Same(failure, thrown);
        Assert.Equal(
            ["configure a", "configure b", "configure c", "configure d", "start a", "start b", "start c", "dispose c", "dispose b", "dispose a"],
            journal);
        await app.DisposeAsync();
        Assert.Equal(10, journal.Count); // disposing again disposes nothing twice
    }

    [Fact]
    public async Task APortInUse_FailsTheStart_AndDisposesTheStartedModules()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var journal = new List<string>();
        var app = MixServer.Create(Quiet(port)).Add(new RecordingModule("a", journal)).Add(new RecordingModule("b", journal)).Build();

        await Assert.ThrowsAsync<IOException>(() => app.StartAsync());

        Assert.Equal(["configure a", "configure b", "start a", "start b", "dispose b", "dispose a"], journal);
    }

    [Fact]
    public async Task Dispose_DisposesTheModulesInReverseOrder_Once()
    {
        var journal = new List<string>();
        var app = MixServer.Create(Quiet()).Add(new RecordingModule("a", journal)).Add(new RecordingModule("b", journal)).Build();
        await app.StartAsync();

        await app.DisposeAsync();
        await app.DisposeAsync();

        Assert.Equal(["configure a", "configure b", "start a", "start b", "dispose b", "dispose a"], journal);
    }

    [Fact]
    public async Task ModuleContext_CarriesTheServersClock_OptionsSnapshot_LoggerAndStoppingToken()
    {
        var clock = new FixedClock(DateTimeOffset.UnixEpoch);
        var module = new RecordingModule("a", []);
        var options = new MixServerOptions { EndpointPrefix = "/api", TimeProvider = clock };
        await using (var host = await TestHost.StartAsync(options, module))
        {
            var context = module.StartedWith!;
            Assert.Same(clock, context.TimeProvider);
            Assert.Equal("/api", context.ServerOptions.EndpointPrefix);
            Assert.NotSame(options, context.ServerOptions);
            context.Logger.Log(LogLevel.Warning, default, "from the module", null, (state, _) => state);
            Assert.Contains(host.Log.Entries, entry => entry.Category == typeof(RecordingModule).FullName && entry.Message == "from the module");
            Assert.False(context.Stopping.IsCancellationRequested);
            await host.StopAsync();
            Assert.True(context.Stopping.IsCancellationRequested);
        }
    }

    [Fact]
    public void ASecondBuild_OfTheSameBuilder_IsRefused()
    {
        var server = MixServer.Create(Quiet());
        server.Build();

        var error = Assert.Throws<InvalidOperationException>(() => server.Build());
        Assert.Contains("already built a server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneModuleInTwoServers_IsRefused()
    {
        var files = new StaticFiles();
        MixServer.Create(Quiet()).Add(files).Build();

        var error = Assert.Throws<InvalidOperationException>(() => MixServer.Create(Quiet()).Add(files).Build());
        Assert.Equal("The StaticFiles module already belongs to another server: create a new module for each server.", error.Message);
    }

    [Fact]
    public void OneModuleAddedTwice_IsRefused()
    {
        var files = new StaticFiles();
        var error = Assert.Throws<InvalidOperationException>(() => MixServer.Create(Quiet()).Add(files).Add(files).Build());
        Assert.Equal("The StaticFiles module was added to the same server twice: add a module once.", error.Message);
    }

    [Fact]
    public async Task OptionsChangedAfterBuild_DoNotChangeTheRunningServer()
    {
        using var dir = new TempDirectory();
        dir.File("page.txt", "hello");
        var fileOptions = new StaticFilesOptions { Root = dir.Path, DirectoryListing = false };
        var serverOptions = new MixServerOptions { MaxRequestBodySize = 4 };
        var echo = new TestModule(new() { ["echo"] = new() { AllowedMethods = ["POST"] } }, map => map.Post("echo", c => new(c.RenderAsync(c.Body, "text/plain"))));
        var server = MixServer.Create(serverOptions).Add(echo).Add(new StaticFiles(fileOptions));
        server.Options.Address = "127.0.0.1";
        server.Options.Port = 0;
        server.Options.ConfigureLogging = _ => { };
        await using var app = server.Build();
        fileOptions.DirectoryListing = true;
        fileOptions.Root = "/";
        serverOptions.MaxRequestBodySize = 1 << 20;
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls[0]) };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
        Assert.Equal("hello", await client.GetStringAsync("/page.txt"));
        var post = await client.PostAsync("/echo", new StringContent("too long", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
    }

    [Fact]
    public void ModuleHooks_ListOnlyTheModulesThatImplementEachHook()
    {
        var journal = new List<string>();
        var recorder = new RecordingModule("a", journal);
        var cors = new Cors();
        var files = new StaticFiles();
        var noCache = new NoCachePaths();
        var capture = new RequestCapture();

        var hooks = new ModuleHooks([recorder, cors, files, noCache, capture]);

        Assert.Equal([cors], hooks.Deniers);
        Assert.Equal([files], hooks.Fallbacks);
        Assert.Equal([capture], hooks.Observers);
        Assert.Equal<MixModule>([cors, noCache], hooks.HeaderWriters);
    }
}
