using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Files;

/// <summary>Every log message of the <see cref="StaticFiles"/> module (event ids 700-799).</summary>
internal static partial class FilesLog
{
    [LoggerMessage(700, LogLevel.Warning, "Refused {Path}: it leads outside the document root", EventName = "LeavesRoot")]
    public static partial void LeavesRoot(this ILogger logger, string path);
}
