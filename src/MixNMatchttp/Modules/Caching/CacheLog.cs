using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Caching;

/// <summary>Every log message of the <see cref="PageCache"/> module (event ids 100-199).</summary>
internal static partial class CacheLog
{
    [LoggerMessage(100, LogLevel.Debug, "Saved page {Name}: {Bytes} bytes of {ContentType}", EventName = "PageSaved")]
    public static partial void PageSaved(this ILogger logger, string name, int bytes, string contentType);

    [LoggerMessage(101, LogLevel.Information, "Did not save page {Name} ({Bytes} bytes): {Result}", EventName = "PageNotSaved")]
    public static partial void PageNotSaved(this ILogger logger, string name, int bytes, PageAddResult result);

    [LoggerMessage(102, LogLevel.Debug, "Cleared page {Name} (held: {Held})", EventName = "PageCleared")]
    public static partial void PageCleared(this ILogger logger, string name, bool held);

    [LoggerMessage(103, LogLevel.Debug, "Cleared all pages", EventName = "AllPagesCleared")]
    public static partial void AllPagesCleared(this ILogger logger);

    [LoggerMessage(104, LogLevel.Debug, "Refused a page: {Reason}", EventName = "PageRefused")]
    public static partial void PageRefused(this ILogger logger, string reason);
}
