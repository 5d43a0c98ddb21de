using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Redirects;

/// <summary>Every log message of the <see cref="GotoRedirect"/> module (event ids 200-299).</summary>
internal static partial class GotoLog
{
    [LoggerMessage(200, LogLevel.Debug, "Redirecting {Method} {Target} to {Location}", EventName = "Redirecting")]
    public static partial void Redirecting(this ILogger logger, string method, string target, string location);

    [LoggerMessage(201, LogLevel.Debug, "No address, or no header gives a host for the relative address of {Method} {Target}: answering 200", EventName = "NoTarget")]
    public static partial void NoTarget(this ILogger logger, string method, string target);

    [LoggerMessage(202, LogLevel.Warning, "Refused to redirect {Method} {Target}: the address contains control characters", EventName = "ControlCharacters")]
    public static partial void ControlCharacters(this ILogger logger, string method, string target);
}
