using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MixNMatchttp.Cli.Daemon;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Cli.Serving;

/// <summary>
/// Where the command's logs go. On the console: warnings and errors on stderr (every event with <c>-v</c>, a component's
/// with <c>--log</c>). With <c>--logdir</c>: event.log (the command's start and stop),
/// error.log (warnings and errors), COMPONENT.log per <c>--log</c>, debug-COMPONENT.log per <c>--debug-log</c>, all rotated
/// alike. The access log is the <see cref="AccessLog"/> module's (see <see cref="ServerComposer"/>).
/// </summary>
internal static class LogSetup
{
    public const string AccessLogFile = "access.log";
    private const string EventLogFile = "event.log";
    private const string ErrorLogFile = "error.log";

    /// <summary>The log directory of a daemon without <c>--logdir</c>: $XDG_STATE_HOME/mixnmatchttp (~/.local/state/mixnmatchttp).</summary>
    public static string DaemonLogDirectory() => Path.Join(
        Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state ? state : Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
        "mixnmatchttp");

    public static LogRotation Rotation(ServeSettings settings) =>
        new() { MaxBytes = settings.LogRotateBytes, Daily = settings.LogRotateBytes is null, Keep = settings.LogKeep };

    /// <summary>The files of <c>--log</c> and <c>--debug-log</c>: path, level, category; a file named twice is a usage error.</summary>
    public static IReadOnlyList<(string Path, LogLevel Level, string Category)> ComponentFiles(ServeSettings settings)
    {
        if (settings.LogDir is not { } logDir)
        {
            return [];
        }

        var files = settings.Logs.Select(log => (Path.Join(logDir, log.File ?? $"{log.Component.ToLowerInvariant()}.log"), LogLevel.Information, LogComponents.Categories[log.Component]))
            .Concat(settings.DebugLogs.Select(log => (Path.Join(logDir, log.File ?? $"debug-{log.Component.ToLowerInvariant()}.log"), LogLevel.Debug, LogComponents.Categories[log.Component])))
            .ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal) { Path.Join(logDir, AccessLogFile), Path.Join(logDir, EventLogFile), Path.Join(logDir, ErrorLogFile) };
        if (settings.RequestLog is { } requestLog)
        {
            taken.Add(Path.Join(logDir, requestLog));
        }

        foreach (var (path, _, _) in files.Where(file => !taken.Add(file.Item1)))
        {
            throw new UsageException($"--log: the file '{SettingReader.Printable(Path.GetFileName(path))}' is written by another log; name another");
        }

        return files;
    }

    public static void Configure(ILoggingBuilder logging, ServeSettings settings)
    {
        logging.ClearProviders();
        if (!DaemonControl.IsChild)
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        logging.SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);

        // Hosting logs each request's start and end (information, never shown); while its category is on at all it
        // also starts an Activity and a log scope for every request, which the access log does not need.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None); // a failed start is reported once, as one line
        logging.AddFilter("MixNMatchttp.MixApp", LogLevel.Warning);
        logging.AddFilter("MixNMatchttp.MixServer", LogLevel.Warning);
        if (settings.LogDir is not { } logDir)
        {
            // Without a log directory, --log and --debug-log show the component's events on the console.
            foreach (var (component, _) in settings.Logs)
            {
                logging.AddFilter(LogComponents.Categories[component], LogLevel.Information);
            }

            foreach (var (component, _) in settings.DebugLogs)
            {
                logging.AddFilter(LogComponents.Categories[component], LogLevel.Debug);
            }

            return;
        }

        var rotation = Rotation(settings);
        logging.AddFile(Path.Join(logDir, EventLogFile), LogLevel.Information, CommandLog.Category, rotation);
        logging.AddFile(Path.Join(logDir, ErrorLogFile), LogLevel.Warning, rotation: rotation);
        foreach (var (path, level, category) in ComponentFiles(settings))
        {
            logging.AddFile(path, level, category, rotation);
        }
    }
}
