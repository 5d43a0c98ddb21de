using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Files;

/// <summary>Starts a server whose only module serves files (the namespace of these tests hides the module's short name).</summary>
internal static class StaticFilesHost
{
    public static Task<TestHost> StartAsync(string root, bool directoryListing = false, string? indexFile = "index.html") =>
        TestHost.StartAsync(Create(new StaticFilesOptions { Root = root, DirectoryListing = directoryListing, IndexFile = indexFile }));

    public static StaticFiles Create(StaticFilesOptions options) => new(options);

    /// <summary>Bytes that are not valid UTF-8 text and never repeat a pattern: a file whose corruption any test notices.</summary>
    public static byte[] RandomBytes(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
}

/// <summary>A module that declares a file private, as the auth module does with its users file.</summary>
internal sealed class KeepsPrivate(string path) : MixModule
{
    public override void Configure(ModuleConfiguration configuration) => configuration.KeepPrivate(path);
}
