using System.ComponentModel;
using System.Diagnostics;

namespace MixNMatchttp.Cli.Serving;

/// <summary><c>--open</c>: opens a URL with $BROWSER when set, else the desktop's opener (xdg-open, or open on macOS).</summary>
internal static class Browser
{
    /// <summary>Starts the browser without waiting for it; a problem is one warning line, never a failure.</summary>
    public static void Open(Uri url)
    {
        var opener = Environment.GetEnvironmentVariable("BROWSER") is { Length: > 0 } browser ? browser : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener) { ArgumentList = { url.ToString() }, UseShellExecute = false });
        }
        catch (Win32Exception e)
        {
            Console.Error.WriteLine($"mixnmatchttp: warning: --open: cannot start '{opener}': {e.Message}");
        }
    }
}
