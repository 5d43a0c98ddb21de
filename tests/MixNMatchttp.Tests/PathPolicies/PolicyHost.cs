using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.PathPolicies;

/// <summary>Servers for the policy tests: the given modules, an endpoint <c>/admin</c> (GET, POST), a raw-argument
/// endpoint <c>/raw</c>, and static files from a directory.</summary>
internal static class PolicyHost
{
    public static TestModule Endpoints() => new(
        new()
        {
            ["admin"] = new() { AllowedMethods = ["GET", "POST"] },
            ["raw"] = new() { NArgs = NArgs.Any, RawArgs = true },
        },
        map => map
            .Any("admin", c => new(c.RenderAsync("admin", "text/plain; charset=utf-8")))
            .Any("raw", c => new(c.RenderAsync("raw:" + c.Endpoint.Args, "text/plain; charset=utf-8"))));

    public static Task<TestHost> StartAsync(string root, params MixModule[] modules) =>
        TestHost.StartAsync([.. modules, Endpoints(), new StaticFiles(new StaticFilesOptions { Root = root })]);

    /// <summary>Builds (without starting) a server with <paramref name="module"/>; throws what its validation throws.</summary>
    public static void Build(MixModule module) =>
        MixServer.Create(new MixServerOptions { Port = 0, ConfigureLogging = _ => { } }).Add(module).Build();
}
