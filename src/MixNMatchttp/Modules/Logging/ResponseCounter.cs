using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace MixNMatchttp.Logging;

/// <summary>
/// The response body of a request while an access log is on: passes everything on to the server's own body feature
/// and counts the body bytes the application hands it, whichever way it writes (the stream, the pipe writer, a file);
/// it also remembers when the request began. It is its own stream, so a request costs one object (and one more when
/// it writes through the pipe writer).
/// </summary>
internal sealed class ResponseCounter(IHttpResponseBodyFeature inner, DateTimeOffset started) : Stream, IHttpResponseBodyFeature
{
    private CountingPipeWriter? _writer;

    /// <summary>When the request began (the server's clock).</summary>
    public DateTimeOffset Started => started;

    /// <summary>The body bytes written so far.</summary>
    public long Bytes { get; private set; }

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= new CountingPipeWriter(inner.Writer, this);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    internal void Count(long bytes) => Bytes += bytes;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        Count(count ?? new FileInfo(path).Length - offset);
        return inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public Task CompleteAsync() => inner.CompleteAsync();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Count(count);
        inner.Stream.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer.Length);
        inner.Stream.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        Count(1);
        inner.Stream.WriteByte(value);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Count(count);
        return inner.Stream.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        TaskToAsyncResult.Begin(WriteAsync(buffer, offset, count, CancellationToken.None), callback, state);

    public override void EndWrite(IAsyncResult asyncResult) => TaskToAsyncResult.End(asyncResult);

    public override void Flush() => inner.Stream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.Stream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The server's pipe writer, counting what is advanced or written through it.</summary>
    private sealed class CountingPipeWriter(PipeWriter writer, ResponseCounter counter) : PipeWriter
    {
        public override bool CanGetUnflushedBytes => writer.CanGetUnflushedBytes;

        public override long UnflushedBytes => writer.UnflushedBytes;

        public override void Advance(int bytes)
        {
            counter.Count(bytes);
            writer.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => writer.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => writer.GetSpan(sizeHint);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            counter.Count(source.Length);
            return writer.WriteAsync(source, cancellationToken);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => writer.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => writer.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => writer.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => writer.CompleteAsync(exception);
    }
}
