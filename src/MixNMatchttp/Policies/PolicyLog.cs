using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>Every log message of the header and path policy modules (event ids 400-499).</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(400, LogLevel.Debug, "Custom headers: sending {Count} header(s) with every response")]
    public static partial void CustomHeadersReady(this ILogger logger, int count);

    [LoggerMessage(401, LogLevel.Information, "Denied {Method} {Path}: it matches a denied path pattern (answered {StatusCode})")]
    public static partial void PathDenied(this ILogger logger, string method, string path, int statusCode);

}
