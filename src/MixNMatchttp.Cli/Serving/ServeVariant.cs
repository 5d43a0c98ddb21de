using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Cli.Serving;

/// <summary>
/// A subcommand that serves as the main command does, with the same options, but with defaults, modules and start-up
/// lines of its own (the <c>lab</c> command).
/// </summary>
internal abstract class ServeVariant
{
    /// <summary>The settings with the variant's defaults where the command line and the configuration file left a
    /// setting unset; problems go to <paramref name="reader"/>.</summary>
    public abstract ServeSettings Apply(ServeSettings settings, SettingReader reader);

    /// <summary>The variant's own modules, added before the static files.</summary>
    public abstract IEnumerable<MixModule> Modules(ServeSettings settings);

    /// <summary>The names of <see cref="Modules"/>, for the start-up block.</summary>
    public abstract IEnumerable<string> ModuleNames(ServeSettings settings);

    /// <summary>Whether files are served from <see cref="ServeSettings.Root"/>.</summary>
    public abstract bool ServesFiles(ServeSettings settings);

    /// <summary>Lines printed in the start-up block, after the modules.</summary>
    public abstract void Announce(TextWriter output, MixApp app, ServeSettings settings);
}
