namespace MixNMatchttp.Cli.Serving;

/// <summary>The command's own files, never served even from inside the root: the configuration file (it may hold
/// secrets), the pid file and the log directory.</summary>
internal sealed class PrivatePaths(IEnumerable<string?> paths) : MixModule
{
    private readonly string[] _paths = [.. paths.OfType<string>()];

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var path in _paths)
        {
            configuration.KeepPrivate(path);
        }
    }
}
