using System.Collections.Frozen;

namespace MixNMatchttp;

/// <summary>
/// Files the server or a module uses that must never be served, even from inside the document root: a users file, a
/// TLS key, a request log, a log directory (everything under it). Declared while the server is built
/// (<see cref="ModuleConfiguration.KeepPrivate"/>), resolved to their real paths once every module has started (when the
/// files exist), then read-only.
/// </summary>
internal sealed class PrivateFiles
{
    private readonly List<string> _declared = [];
    private FrozenSet<string> _files = FrozenSet<string>.Empty;
    private string[] _directories = [];

    public void Add(string path) => _declared.Add(Path.GetFullPath(path));

    /// <summary>Resolves the declared paths' real paths (links followed); a file that does not exist yet is kept by
    /// its full path.</summary>
    public void Resolve()
    {
        var real = _declared.Select(path => RealPath.Of(path) ?? path).ToList();
        _directories = [.. real.Where(Directory.Exists).Select(directory => Path.TrimEndingDirectorySeparator(directory) + "/")];
        _files = real.ToFrozenSet(StringComparer.Ordinal);
    }

    public bool Contains(string realPath)
    {
        if (_files.Contains(realPath))
        {
            return true;
        }

        foreach (var directory in _directories)
        {
            if (realPath.StartsWith(directory, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
