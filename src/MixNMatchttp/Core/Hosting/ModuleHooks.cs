using System.Reflection;

namespace MixNMatchttp;

/// <summary>The modules that implement each request hook, found once when the server is built, so that a request
/// only visits the modules that have something to do for it.</summary>
internal sealed class ModuleHooks
{
    public ModuleHooks(MixModule[] modules)
    {
        Observers = Overriding(modules, nameof(MixModule.ObserveAsync));
        Deniers = Overriding(modules, nameof(MixModule.DeniedAsync));
        Fallbacks = Overriding(modules, nameof(MixModule.FallbackAsync));
        HeaderWriters = [.. modules.Where(module => Overrides(module, nameof(MixModule.AddHeaders)) || Overrides(module, nameof(MixModule.NoCache)))];
    }

    public MixModule[] Observers { get; }

    public MixModule[] Deniers { get; }

    public MixModule[] Fallbacks { get; }

    /// <summary>The modules that add headers or may ask for the no-cache headers.</summary>
    public MixModule[] HeaderWriters { get; }

    private static MixModule[] Overriding(MixModule[] modules, string hook) => [.. modules.Where(module => Overrides(module, hook))];

    private static bool Overrides(MixModule module, string hook) =>
        module.GetType().GetMethod(hook, BindingFlags.Public | BindingFlags.Instance)?.DeclaringType != typeof(MixModule);
}
