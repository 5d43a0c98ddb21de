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
/// It follows the connection from head to head by skipping each body (by its <c>Content-Length</c>, or chunk by chunk
/// when it is chunked), and never changes a body byte; after a head whose framing it cannot follow (a transfer coding
/// other than <c>chunked</c>, <c>Upgrade</c>, <c>CONNECT</c>) it stops looking at that connection, which Kestrel or
/// the server refuses and closes, or hands to another protocol. HTTP/2 connections are not touched (Kestrel's HTTP/2
/// framing does not take this path).
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

    /// <summary>Where the connection's bytes are in its requests, read one byte at a time (body data is skipped by
    /// length).</summary>
    private sealed class HeadScanner
    {
        private static ReadOnlySpan<byte> ContentLength => "content-length"u8;

        private static ReadOnlySpan<byte> TransferEncoding => "transfer-encoding"u8;

        private static ReadOnlySpan<byte> Upgrade => "upgrade"u8;

        private static ReadOnlySpan<byte> Connect => "CONNECT "u8;

        private static ReadOnlySpan<byte> Chunked => "chunked"u8;

        private readonly byte[] _name = new byte[ContentLength.Length + 4];
        private State _state = State.RequestLine;
        private int _length; // bytes of the request line's method or of the header name read so far
        private long _bodyLeft;
        private long _contentLength;
        private bool _otherFraming;
        private bool _chunked;
        private bool _connect; // the request line so far starts as "CONNECT " does
        private bool _digits; // the chunk size has a digit

        private enum State
        {
            RequestLine,
            LineStart,
            Name,
            SkipLine,
            ValueStart,
            Digits,
            ValueEnd,
            Coding,
            Body,
            ChunkSize,
            ChunkExtension,
            ChunkData,
            ChunkEnd,
            Trailers,
            TrailerLine,
            Done,
        }

        public bool Done => _state == State.Done;

        /// <summary>Reads <paramref name="bytes"/>; returns how many it read (all of them unless it is done).</summary>
        public int Read(Span<byte> bytes)
        {
            var read = 0;
            while (read < bytes.Length && _state != State.Done)
            {
                if (_state is State.Body or State.ChunkData)
                {
                    var skipped = (int)Math.Min(_bodyLeft, bytes.Length - read);
                    read += skipped;
                    _bodyLeft -= skipped;
                    if (_bodyLeft == 0)
                    {
                        if (_state == State.Body)
                        {
                            StartHead();
                        }
                        else
                        {
                            _state = State.ChunkEnd;
                        }
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
            _chunked = false;
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
                case State.Coding:
                    Coding(b);
                    break;
                default:
                    Chunk(b);
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

            if (name.SequenceEqual(TransferEncoding))
            {
                _otherFraming |= _chunked; // a second Transfer-Encoding
                _chunked = true;
                _length = 0;
                _state = State.Coding;
                return;
            }

            _otherFraming |= name.SequenceEqual(Upgrade);
            _state = State.SkipLine;
        }

        /// <summary>A byte of a Transfer-Encoding value: <c>chunked</c> is the one coding followed.</summary>
        private void Coding(byte b)
        {
            if (b == '\n')
            {
                _otherFraming |= !_name.AsSpan(0, _length).SequenceEqual(Chunked);
                _state = State.LineStart;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                if (_length == _name.Length)
                {
                    _otherFraming = true;
                    _state = State.SkipLine;
                    return;
                }

                _name[_length++] = (byte)(b | 0x20);
            }
        }

        /// <summary>A byte of a chunked body outside the chunks' data: sizes (hexadecimal, maybe with extensions), the
        /// line end after each chunk's data, the trailer lines up to the empty one.</summary>
        private void Chunk(byte b)
        {
            switch (_state)
            {
                case State.ChunkSize or State.ChunkExtension when b == '\n':
                    EndChunkSize();
                    break;
                case State.ChunkSize when char.IsAsciiHexDigit((char)b):
                    _digits = true;
                    _bodyLeft = _bodyLeft > long.MaxValue / 16 ? -1 : (_bodyLeft * 16) + (char.IsAsciiDigit((char)b) ? b - '0' : (b | 0x20) - 'a' + 10);
                    _state = _bodyLeft < 0 ? State.Done : State.ChunkSize; // a size Kestrel refuses
                    break;
                case State.ChunkSize:
                    _state = b == '\r' ? State.ChunkSize : State.ChunkExtension;
                    break;
                case State.ChunkEnd:
                    _state = b == '\n' ? State.ChunkSize : State.ChunkEnd;
                    break;
                case State.Trailers:
                    if (b == '\n')
                    {
                        StartHead();
                    }
                    else if (b != '\r')
                    {
                        _state = State.TrailerLine;
                    }

                    break;
                case State.TrailerLine:
                    _state = b == '\n' ? State.Trailers : State.TrailerLine;
                    break;
            }
        }

        /// <summary>The end of a chunk-size line: the chunk's data follows, or the trailers after the last chunk.</summary>
        private void EndChunkSize()
        {
            _state = !_digits ? State.Done : _bodyLeft > 0 ? State.ChunkData : State.Trailers;
            _digits = false;
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
            else if (_chunked)
            {
                _bodyLeft = 0;
                _digits = false;
                _state = State.ChunkSize;
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
