using Microsoft.Extensions.Logging;

namespace MixNMatchttp.PathPolicies;

/// <summary>Every log message of the path policy modules (event ids 400-449).</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(401, LogLevel.Information, "Denied {Method} {Path}: it matches a denied path pattern (answered {StatusCode})", EventName = "PathDenied")]
    public static partial void PathDenied(this ILogger logger, string method, string path, int statusCode);
}
