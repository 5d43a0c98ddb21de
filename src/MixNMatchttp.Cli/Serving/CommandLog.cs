using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Cli.Serving;

/// <summary>The command's own events (event.log): start, stop. Event ids 900–909.</summary>
internal static partial class CommandLog
{
    /// <summary>The category of the command's events.</summary>
    public const string Category = "MixNMatchttp.Cli";

    [LoggerMessage(900, LogLevel.Information, "Started serving {Root} on {Urls} (pid {Pid}); modules: {Modules}", EventName = "Started")]
    public static partial void Started(this ILogger logger, string root, string urls, int pid, string modules);

    [LoggerMessage(901, LogLevel.Information, "Stopped (pid {Pid})", EventName = "Stopped")]
    public static partial void Stopped(this ILogger logger, int pid);
}
