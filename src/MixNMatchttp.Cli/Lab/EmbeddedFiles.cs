using System.Collections.Frozen;

namespace MixNMatchttp.Cli.Lab;

/// <summary>The lab's files, embedded in the command: its pages (<c>lab/NAME</c>) and its secrets (<c>secret/NAME</c>).</summary>
internal static class EmbeddedFiles
{
    private static readonly FrozenDictionary<string, EmbeddedFile> Files = Load();

    /// <summary>The file of that name (a single segment), or null.</summary>
    public static EmbeddedFile? Find(string folder, string name) =>
        Files.TryGetValue($"{folder}/{(name.Length == 0 ? "index.html" : name)}", out var file) ? file : null;

    private static FrozenDictionary<string, EmbeddedFile> Load()
    {
        var assembly = typeof(EmbeddedFiles).Assembly;
        var files = new Dictionary<string, EmbeddedFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith("lab/", StringComparison.Ordinal) || name.StartsWith("secret/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = new EmbeddedFile(copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        _ => "text/plain; charset=utf-8",
    };
}

/// <summary>An embedded file's bytes and media type.</summary>
internal sealed record EmbeddedFile(byte[] Body, string ContentType);
