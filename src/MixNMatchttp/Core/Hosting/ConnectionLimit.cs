using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>
/// Holds at most <see cref="Maximum"/> connections at once: a connection beyond it is closed as soon as it is
/// accepted, so the process never runs out of file descriptors (which .NET reports as "Out of memory" and dies of).
/// Reaching the limit is logged once, and again only after the server has been below it.
/// </summary>
internal sealed class ConnectionLimit(long maximum, ILogger logger)
{
    private long _open;
    private int _reported;

    public long Maximum { get; } = maximum;

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (Interlocked.Increment(ref _open) > Maximum)
        {
            Interlocked.Decrement(ref _open);
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                logger.ConnectionLimitReached(Maximum);
            }

            connection.Abort();
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            if (Interlocked.Decrement(ref _open) < Maximum * 9 / 10)
            {
                Interlocked.Exchange(ref _reported, 0);
            }
        }
    };

    /// <summary>The default limit: the file-descriptor limit (raised to its hard maximum) less what is already open and
    /// a reserve for files, logs and stores; null where the limit is unknown (Kestrel's own default then applies).</summary>
    public static long? Default()
    {
        const int Reserve = 64;
        return FileDescriptorLimit.Raise() is { } limit && FileDescriptorLimit.OpenNow() is { } open
            ? Math.Max(16, limit - open - Reserve)
            : null;
    }
}
