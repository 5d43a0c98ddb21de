using MixNMatchttp;
using MixNMatchttp.Files;

namespace Demo;

/// <summary>The demo server: the seed's example handler over the files of <c>root</c>; directories are listed only
/// with <c>listing</c> (the original's default is off).</summary>
public static class DemoServer
{
    public static MixServer Create(MixServerOptions options, string root, bool listing = false) =>
        MixServer.Create(options)
            .Add(new DemoModule())
            .Add(new StaticFiles(new StaticFilesOptions { Root = root, DirectoryListing = listing }));
}
