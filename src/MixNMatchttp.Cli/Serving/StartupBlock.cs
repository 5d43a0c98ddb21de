using System.Reflection;
using MixNMatchttp.Cli.Daemon;
using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Cli.Serving;

/// <summary>The one block the command prints once it listens: the URLs, the root, the modules on, where users, sessions,
/// lockout counts and cached pages are stored (when not in memory), the TLS fingerprint.</summary>
internal static class StartupBlock
{
    public static string Version { get; } =
        typeof(StartupBlock).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void Write(TextWriter output, MixApp app, ServeSettings settings, StoreConnections stores, ServeVariant? variant = null)
    {
        output.WriteLine($"mixnmatchttp {Version} serving {settings.Root}");
        foreach (var url in app.Urls)
        {
            output.WriteLine(settings.PathPrefix.Length == 0 ? $"  {url}" : $"  {url}{settings.PathPrefix}/");
        }

        output.WriteLine($"  modules: {string.Join(", ", ServerComposer.ModuleNames(settings, variant))}");
        if (stores.Described.Count > 0)
        {
            output.WriteLine($"  stores: {string.Join(", ", stores.Described)}");
        }

        variant?.Announce(output, app, settings);
        if (app.CertificateFingerprint is { } fingerprint)
        {
            output.WriteLine($"  TLS certificate ({(settings.Cert is null ? "self-signed" : settings.Cert)}) SHA-256 {fingerprint}");
        }

        output.WriteLine(DaemonControl.IsChild ? DaemonControl.ReadyLine(Environment.ProcessId) : "Press Ctrl+C to stop.");
        output.Flush();
    }
}
