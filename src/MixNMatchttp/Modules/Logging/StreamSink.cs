namespace MixNMatchttp.Logging;

/// <summary>Lines written to a stream the sink does not own (the standard output): flushed after each batch, never
/// closed.</summary>
internal sealed class StreamSink(Stream stream, string name) : ILineSink
{
    public string Name => name;

    public void Write(ReadOnlySpan<byte> lines)
    {
        stream.Write(lines);
        stream.Flush();
    }

    public void Dispose()
    {
    }
}
