using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Headers;

/// <summary>Every log message of the custom headers module (event ids 450-499).</summary>
internal static partial class HeadersLog
{
    [LoggerMessage(450, LogLevel.Debug, "Custom headers: sending {Count} header(s) with every response", EventName = "CustomHeadersReady")]
    public static partial void CustomHeadersReady(this ILogger logger, int count);
}
