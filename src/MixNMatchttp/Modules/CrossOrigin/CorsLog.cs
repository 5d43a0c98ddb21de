using Microsoft.Extensions.Logging;

namespace MixNMatchttp.CrossOrigin;

/// <summary>Every log message of the <see cref="Cors"/> module (event ids 300-399).</summary>
internal static partial class CorsLog
{
    [LoggerMessage(300, LogLevel.Information, "CORS: Access-Control-Allow-Origin {Origin}, credentials {Credentials}, per-request overrides {Overrides}", EventName = "CorsReady")]
    public static partial void CorsReady(this ILogger logger, string origin, bool credentials, bool overrides);

    [LoggerMessage(301, LogLevel.Debug, "Refused {Method} {Path}: {Reason}", EventName = "OverrideRefused")]
    public static partial void OverrideRefused(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(302, LogLevel.Debug, "Left out Access-Control-Allow-Origin: the Origin of {Method} {Path} cannot be echoed as a header value", EventName = "OriginNotEchoed")]
    public static partial void OriginNotEchoed(this ILogger logger, string method, string path);
}
