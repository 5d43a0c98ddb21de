using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace MixNMatchttp;

/// <summary>
/// Makes Kestrel refuse (400) an HTTP/1 request whose <c>Content-Length</c> is not digits only (<c>+6</c>): Kestrel
/// parses the value itself, accepts a sign, and hands the application only the number, so a proxy and this server could
/// read the same bytes differently (request smuggling). A connection middleware reads the request heads as they
/// arrive and turns the first byte of such a value that is not a digit into an <c>x</c>, which Kestrel then rejects.
/// It follows the connection from head to head by skipping each <c>Content-Length</c> body; after a head with another
/// framing (<c>Transfer-Encoding</c>, <c>Upgrade</c>, <c>CONNECT</c>) it stops looking at that connection, and it never
/// changes a body byte. HTTP/2 connections are not touched (Kestrel's HTTP/2 framing does not take this path).
/// </summary>
internal static class StrictContentLength
{
    /// <summary>The connection middleware: checks the heads of an HTTP/1 connection.</summary>
    public static ConnectionDelegate Check(ConnectionDelegate next) => context =>
    {
        if (context.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol.Span.SequenceEqual("h2"u8) != true)
        {
            context.Transport = new CheckedTransport(context.Transport);
        }

        return next(context);
    };

    private sealed class CheckedTransport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input { get; } = new HeadReader(inner.Input);

        public PipeWriter Output => inner.Output;
    }

    /// <summary>The connection's input, its request heads read once as they pass.</summary>
    private sealed class HeadReader(PipeReader inner) : PipeReader
    {
        private readonly HeadScanner _scanner = new();
        private ReadOnlySequence<byte> _buffer;
        private long _start; // the connection offset of _buffer's first byte
        private long _scanned; // the connection offset up to which every byte has been read by the scanner

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            Scan(await inner.ReadAsync(cancellationToken));

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }

            result = Scan(result);
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            _start += _buffer.Slice(0, consumed).Length;
            _buffer = default;
            inner.AdvanceTo(consumed, examined);
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        private ReadResult Scan(ReadResult result)
        {
            _buffer = result.Buffer;
            if (_scanner.Done)
            {
                return result;
            }

            foreach (var segment in _buffer.Slice(_scanned - _start))
            {
                // The pipe's memory is the connection's own (Kestrel's pool): writable, and not yet read by Kestrel.
                _scanned += _scanner.Read(MemoryMarshal.AsMemory(segment).Span);
                if (_scanner.Done)
                {
                    break;
                }
            }

            return result;
        }
    }

    /// <summary>The state of the request heads read so far, one byte at a time (bodies are skipped by length).</summary>
    private sealed class HeadScanner
    {
        private static ReadOnlySpan<byte> ContentLength => "content-length"u8;

        private static ReadOnlySpan<byte> TransferEncoding => "transfer-encoding"u8;

        private static ReadOnlySpan<byte> Upgrade => "upgrade"u8;

        private static ReadOnlySpan<byte> Connect => "CONNECT "u8;

        private readonly byte[] _name = new byte[ContentLength.Length + 4];
        private State _state = State.RequestLine;
        private int _length; // bytes of the request line's method or of the header name read so far
        private long _bodyLeft;
        private long _contentLength;
        private bool _otherFraming;
        private bool _connect; // the request line so far starts as "CONNECT " does

        private enum State
        {
            RequestLine,
            LineStart,
            Name,
            SkipLine,
            ValueStart,
            Digits,
            ValueEnd,
            Body,
            Done,
        }

        public bool Done => _state == State.Done;

        /// <summary>Reads <paramref name="bytes"/>; returns how many it read (all of them unless it is done).</summary>
        public int Read(Span<byte> bytes)
        {
            var read = 0;
            while (read < bytes.Length && _state != State.Done)
            {
                if (_state == State.Body)
                {
                    var skipped = (int)Math.Min(_bodyLeft, bytes.Length - read);
                    read += skipped;
                    _bodyLeft -= skipped;
                    if (_bodyLeft == 0)
                    {
                        StartHead();
                    }

                    continue;
                }

                Step(ref bytes[read]);
                read++;
            }

            return read;
        }

        private void StartHead()
        {
            _state = State.RequestLine;
            _length = 0;
            _contentLength = 0;
            _otherFraming = false;
        }

        private void Step(ref byte b)
        {
            switch (_state)
            {
                case State.RequestLine:
                    if (b == '\n')
                    {
                        // an empty line before a request is skipped
                        _state = _length == 0 ? State.RequestLine : State.LineStart;
                    }
                    else if (b != '\r')
                    {
                        if (_length < Connect.Length)
                        {
                            _connect = (_length == 0 || _connect) && b == Connect[_length];
                            _otherFraming |= _connect && _length == Connect.Length - 1;
                        }

                        _length++;
                    }

                    break;
                case State.LineStart:
                    if (b == '\n')
                    {
                        EndHead();
                    }
                    else if (b != '\r')
                    {
                        _length = 0;
                        _state = State.Name;
                        Step(ref b);
                    }

                    break;
                case State.Name:
                    if (b == ':')
                    {
                        Named();
                    }
                    else if (b == '\n')
                    {
                        _state = State.LineStart;
                    }
                    else if (_length == _name.Length)
                    {
                        _state = State.SkipLine;
                    }
                    else
                    {
                        _name[_length++] = (byte)(b | 0x20);
                    }

                    break;
                case State.SkipLine:
                    _state = b == '\n' ? State.LineStart : State.SkipLine;
                    break;
                case State.ValueStart:
                case State.Digits:
                case State.ValueEnd:
                    Value(ref b);
                    break;
            }
        }

        /// <summary>A header name has been read (the colon).</summary>
        private void Named()
        {
            var name = _name.AsSpan(0, _length);
            if (name.SequenceEqual(ContentLength))
            {
                _state = State.ValueStart;
                return;
            }

            _otherFraming |= name.SequenceEqual(TransferEncoding) || name.SequenceEqual(Upgrade);
            _state = State.SkipLine;
        }

        /// <summary>A byte of a Content-Length value: optional white space, digits, optional white space.</summary>
        private void Value(ref byte b)
        {
            if (b == '\n')
            {
                _state = State.LineStart;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                _state = _state == State.ValueStart ? State.ValueStart : State.ValueEnd;
            }
            else if (char.IsAsciiDigit((char)b) && _state != State.ValueEnd)
            {
                _state = State.Digits;
                _contentLength = _contentLength > long.MaxValue / 10 ? long.MaxValue : (_contentLength * 10) + (b - '0');
            }
            else
            {
                b = (byte)'x'; // Kestrel refuses the value: 400, and the connection is closed
                _state = State.Done;
            }
        }

        /// <summary>The empty line after the headers: the body follows, then the next head.</summary>
        private void EndHead()
        {
            if (_otherFraming)
            {
                _state = State.Done;
            }
            else if (_contentLength > 0)
            {
                _bodyLeft = _contentLength;
                _state = State.Body;
            }
            else
            {
                StartHead();
            }
        }
    }
}
