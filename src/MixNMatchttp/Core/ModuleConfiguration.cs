namespace MixNMatchttp;

/// <summary>What a module gets in <see cref="MixModule.Configure"/>: the server's options, and where to report each
/// setting that cannot work.</summary>
public sealed class ModuleConfiguration
{
    private readonly List<string> _problems;

    private readonly PrivateFiles _privateFiles;

    internal ModuleConfiguration(MixServerOptions serverOptions, List<string> problems, PrivateFiles privateFiles)
    {
        ServerOptions = serverOptions;
        _problems = problems;
        _privateFiles = privateFiles;
    }

    /// <summary>The server's options as they are when it is built (a copy).</summary>
    public MixServerOptions ServerOptions { get; }

    /// <summary>Reports a setting that cannot work, in one line naming the option; the build fails after every module
    /// has been configured, listing every problem.</summary>
    public void Problem(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        _problems.Add(message);
    }

    /// <summary>Declares a file the module uses that must never be served (a users file, a log with secrets), even when
    /// it lies in a document root; links to it are refused too. A directory keeps everything under it private.</summary>
    public void KeepPrivate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _privateFiles.Add(path);
    }

    /// <summary>Runs a step that throws <see cref="MixConfigurationException"/> for what cannot work (e.g.
    /// <see cref="PathPatterns.Compile"/>), reporting its problems instead; returns the step's result, or null when it failed.</summary>
    public T? Check<T>(Func<T> step)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return step();
        }
        catch (MixConfigurationException e)
        {
            _problems.AddRange(e.Problems);
            return null;
        }
    }
}
