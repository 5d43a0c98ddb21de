using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Capture;

/// <summary>Every log message of the <see cref="RequestCapture"/> module (event ids 500-599).</summary>
internal static partial class CaptureLog
{
    [LoggerMessage(500, LogLevel.Information, "Capturing requests: keeping the last {MaxRequests}, endpoints {Endpoints}, log file {LogFile}", EventName = "CaptureReady")]
    public static partial void CaptureReady(this ILogger logger, int maxRequests, string endpoints, string logFile);

    [LoggerMessage(502, LogLevel.Debug, "An event stream subscriber joined ({Count} now)", EventName = "SubscriberJoined")]
    public static partial void SubscriberJoined(this ILogger logger, int count);

    [LoggerMessage(503, LogLevel.Debug, "An event stream subscriber left ({Count} now)", EventName = "SubscriberLeft")]
    public static partial void SubscriberLeft(this ILogger logger, int count);

    [LoggerMessage(504, LogLevel.Debug, "Dropped captured request {Id} for a slow event stream subscriber", EventName = "EventDropped")]
    public static partial void EventDropped(this ILogger logger, long id);
}
