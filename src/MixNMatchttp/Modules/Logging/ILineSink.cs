namespace MixNMatchttp.Logging;

/// <summary>Where a <see cref="LineWriter"/> puts its lines: a file that may rotate (<see cref="RotatingFile"/>) or a
/// stream such as the standard output (<see cref="StreamSink"/>). Only the writer's own thread calls it.</summary>
internal interface ILineSink : IDisposable
{
    /// <summary>What to call the sink in a message: a file's full path, "the standard output".</summary>
    string Name { get; }

    /// <summary>Whether a new file must be started before a line of <paramref name="lineBytes"/> bytes, when
    /// <paramref name="pendingBytes"/> bytes are still waiting to be written.</summary>
    bool MustRotate(long pendingBytes, int lineBytes) => false;

    /// <summary>Starts a new file, the old ones moving up by one.</summary>
    void Rotate()
    {
    }

    /// <summary>Writes whole lines and hands them to the operating system.</summary>
    void Write(ReadOnlySpan<byte> lines);
}
