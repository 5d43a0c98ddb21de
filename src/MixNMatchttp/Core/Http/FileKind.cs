namespace MixNMatchttp;

/// <summary>What a path names, as far as serving it goes.</summary>
internal enum FileKind
{
    /// <summary>Nothing (or nothing this process may look at).</summary>
    Missing,

    /// <summary>A regular file: the only kind whose bytes are served.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO, socket or device node: never opened, since reading one may block forever or never end.</summary>
    Other,
}
