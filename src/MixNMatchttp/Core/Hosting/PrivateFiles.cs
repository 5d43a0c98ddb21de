using System.Collections.Frozen;

namespace MixNMatchttp;

/// <summary>
/// Files the server or a module uses that must never be served, even from inside the document root: a users file, a
/// TLS key, a request log. Declared while the server is built (<see cref="ModuleConfiguration.KeepPrivate"/>), resolved
/// to their real paths once every module has started (when the files exist), then read-only.
/// </summary>
internal sealed class PrivateFiles
{
    private readonly List<string> _declared = [];
    private FrozenSet<string> _resolved = FrozenSet<string>.Empty;

    public void Add(string path) => _declared.Add(Path.GetFullPath(path));

    /// <summary>Resolves the declared files' real paths (links followed); a file that does not exist yet is kept by
    /// its full path.</summary>
    public void Resolve() => _resolved = _declared.Select(path => RealPath.Of(path) ?? path).ToFrozenSet(StringComparer.Ordinal);

    public bool Contains(string realPath) => _resolved.Count > 0 && _resolved.Contains(realPath);
}
