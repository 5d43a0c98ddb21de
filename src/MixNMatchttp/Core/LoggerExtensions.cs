using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>Every log message of the core, with its event id.</summary>
internal static partial class LoggerExtensions
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled exception while answering {Method} {Target}", EventName = "HandlerFailed")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string method, string target);

    [LoggerMessage(3, LogLevel.Information, "Listening on {Url}", EventName = "Listening")]
    public static partial void Listening(this ILogger logger, string url);

    [LoggerMessage(4, LogLevel.Warning, "No TLS certificate given: generated a self-signed one for {Subject}, SHA-256 fingerprint {Fingerprint}", EventName = "SelfSignedCertificate")]
    public static partial void SelfSignedCertificate(this ILogger logger, string subject, string fingerprint);

    [LoggerMessage(5, LogLevel.Debug, "The client went away during {Method} {Target}", EventName = "ClientGone")]
    public static partial void ClientGone(this ILogger logger, string method, string target);

    [LoggerMessage(6, LogLevel.Error, "The {Module} module failed to observe {Method} {Target}", EventName = "ObserverFailed")]
    public static partial void ObserverFailed(this ILogger logger, Exception exception, string module, string method, string target);

    [LoggerMessage(7, LogLevel.Warning, "{Maximum} connections are open, the most this server holds: new connections wait or are refused until some end (MixServerOptions.MaxConnections)", EventName = "ConnectionLimitReached")]
    public static partial void ConnectionLimitReached(this ILogger logger, long maximum);

    [LoggerMessage(8, LogLevel.Debug, "Holding at most {Maximum} connections at once", EventName = "ConnectionLimit")]
    public static partial void ConnectionLimitSet(this ILogger logger, long maximum);
}
