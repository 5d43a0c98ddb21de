namespace MixNMatchttp.Logging;

/// <summary>
/// When a <see cref="LogFile"/> starts a new file: past <see cref="MaxBytes"/>, at UTC midnight (<see cref="Daily"/>),
/// or both. The file being written keeps its name (<c>access.log</c>); the one before it becomes <c>access.log.1</c>,
/// the older ones move up (<c>.2</c>, <c>.3</c>, …) and only <see cref="Keep"/> of them are kept. With neither
/// <see cref="MaxBytes"/> nor <see cref="Daily"/> (the default) the file grows forever.
/// </summary>
public sealed class LogRotation
{
    /// <summary>The most old files <see cref="Keep"/> may ask for.</summary>
    public const int MaxKeep = 1000;

    /// <summary>Start a new file before a line would take the file past this many bytes (a line longer than that gets a
    /// file of its own); null: no size limit. Default: null.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>Start a new file with the first line written after UTC midnight; a server started on a later day than
    /// the existing file's last write starts a new file too. Default: false.</summary>
    public bool Daily { get; set; }

    /// <summary>How many old files are kept (<c>.1</c> newest … <c>.N</c> oldest); 0 keeps none (the file starts over).
    /// 0 to <see cref="MaxKeep"/>. Default: 5.</summary>
    public int Keep { get; set; } = 5;

    /// <summary>Whether the file is ever rotated.</summary>
    internal bool Rotates => MaxBytes is not null || Daily;

    /// <summary>What is wrong with these settings, naming them <paramref name="name"/>; null when they can work.</summary>
    internal string? Problem(string name) =>
        MaxBytes <= 0 ? $"{name}.MaxBytes must be positive, not {MaxBytes}."
        : Keep is < 0 or > MaxKeep ? $"{name}.Keep must be 0 to {MaxKeep}, not {Keep}."
        : null;

    /// <summary>A copy, so that later changes to these options reach nothing already built.</summary>
    internal LogRotation Copy() => new() { MaxBytes = MaxBytes, Daily = Daily, Keep = Keep };

    /// <summary>The names the old files of <paramref name="path"/> get (<c>path.1</c> … <c>path.Keep</c>); none when the
    /// file never rotates.</summary>
    internal IEnumerable<string> OldFiles(string path) =>
        Rotates ? Enumerable.Range(1, Keep).Select(number => OldFile(path, number)) : [];

    internal static string OldFile(string path, int number) => $"{path}.{number}";
}
