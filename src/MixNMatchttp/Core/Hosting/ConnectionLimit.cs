using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>
/// Holds at most <see cref="Maximum"/> connections at once. At the limit the server stops accepting (the listener
/// waits for a connection to end), so new connections wait in the kernel's queue or are refused by it, and the
/// process never runs out of file descriptors (which .NET reports as "Out of memory." and dies of). Reaching the
/// limit is logged once, and again only after the server has gone below nine tenths of it.
/// </summary>
internal sealed class ConnectionLimit : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ILogger _logger;
    private int _reported;

    public ConnectionLimit(long maximum, ILogger logger)
    {
        Maximum = (int)Math.Min(maximum, int.MaxValue);
        _slots = new SemaphoreSlim(Maximum, Maximum);
        _logger = logger;
    }

    public int Maximum { get; }

    /// <summary>A listener factory whose listeners accept only while a slot is free.</summary>
    public IConnectionListenerFactory Limit(IConnectionListenerFactory factory) => new LimitedFactory(factory, this);

    /// <summary>The connection middleware that gives a connection's slot back when it ends.</summary>
    public ConnectionDelegate ReleaseWhenDone(ConnectionDelegate next) => async connection =>
    {
        try
        {
            await next(connection);
        }
        finally
        {
            _slots.Release();
            if (_slots.CurrentCount > Maximum / 10)
            {
                Interlocked.Exchange(ref _reported, 0);
            }
        }
    };

    public void Dispose() => _slots.Dispose();

    /// <summary>The default limit: half of the file descriptors still free once the limit is raised to its hard
    /// maximum (the other half is for files, stores and the runtime); null where the limit is unknown.</summary>
    public static long? Default() =>
        FileDescriptorLimit.Raise() is { } limit && FileDescriptorLimit.OpenNow() is { } open
            ? Math.Max(16, (limit - open) / 2)
            : null;

    private async ValueTask TakeSlotAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            _logger.ConnectionLimitReached(Maximum);
        }

        await _slots.WaitAsync(cancellationToken);
    }

    private sealed class LimitedFactory(IConnectionListenerFactory inner, ConnectionLimit limit) : IConnectionListenerFactory
    {
        public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
            new LimitedListener(await inner.BindAsync(endpoint, cancellationToken), limit);
    }

    private sealed class LimitedListener(IConnectionListener inner, ConnectionLimit limit) : IConnectionListener
    {
        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await limit.TakeSlotAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            var connection = await inner.AcceptAsync(cancellationToken);
            if (connection is null)
            {
                limit._slots.Release();
            }

            return connection;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
