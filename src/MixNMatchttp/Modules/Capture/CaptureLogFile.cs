using System.Text;

namespace MixNMatchttp.Capture;

/// <summary>The request log: one JSON object per line, appended and flushed line by line. Not thread-safe by itself:
/// <see cref="CaptureStore"/> writes to it under its lock, so lines never interleave and follow the capture order.</summary>
internal sealed class CaptureLogFile : IDisposable
{
    private readonly FileStream _stream;

    private CaptureLogFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Opens (creating when missing, with its directory) <paramref name="path"/> for appending.</summary>
    public static CaptureLogFile Open(string path)
    {
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            if (System.IO.Path.GetDirectoryName(full) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            return new CaptureLogFile(full, new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MixConfigurationException($"RequestCaptureOptions.LogFile: cannot open '{path}' for appending: {e.Message}", e);
        }
    }

    public void WriteLine(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        _stream.Write(bytes);
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();
}
