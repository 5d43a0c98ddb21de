using MixNMatchttp;
using MixNMatchttp.Files;

namespace Demo;

/// <summary>The demo server: the seed's example handler over a directory listing of <c>root</c>.</summary>
public static class DemoServer
{
    public static MixServer Create(MixServerOptions options, string root) =>
        MixServer.Create(options)
            .Add(new DemoModule())
            .Add(new StaticFiles(new StaticFilesOptions { Root = root, DirectoryListing = true }));
}
