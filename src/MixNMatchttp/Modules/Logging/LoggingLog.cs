using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Logging;

/// <summary>Every log message of the logging building blocks (event ids 800-899).</summary>
internal static partial class LoggingLog
{
    [LoggerMessage(800, LogLevel.Error, "Could not write to {Log}: its lines are lost until writing works again", EventName = "LogWriteFailed")]
    public static partial void LogWriteFailed(this ILogger logger, Exception exception, string log);

    [LoggerMessage(801, LogLevel.Warning, "Writing to {Log} works again; {Lost} lines were lost", EventName = "LogWriteResumed")]
    public static partial void LogWriteResumed(this ILogger logger, string log, long lost);

    [LoggerMessage(802, LogLevel.Debug, "Started a new {Log}", EventName = "LogRotated")]
    public static partial void LogRotated(this ILogger logger, string log);

    [LoggerMessage(803, LogLevel.Warning, "Could not start a new {Log}: appending to it until the next rotation", EventName = "LogRotationFailed")]
    public static partial void LogRotationFailed(this ILogger logger, Exception exception, string log);

    [LoggerMessage(804, LogLevel.Information, "Access log: {Sinks}", EventName = "AccessLogReady")]
    public static partial void AccessLogReady(this ILogger logger, string sinks);
}
