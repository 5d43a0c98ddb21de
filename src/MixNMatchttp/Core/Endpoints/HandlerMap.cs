using System.Collections.Frozen;

namespace MixNMatchttp;

/// <summary>
/// Binds handlers to endpoint paths, optionally for one method. A request resolving to
/// <c>/a/b/c</c> runs the handler bound to (METHOD, a/b/c), else (any method, a/b/c), then the same for
/// <c>a/b</c> and <c>a</c>, and finally the default handler. Variable (<c>*</c>) segments are not part of
/// a handler's path: <c>/person/{name}/age</c> is handled by <c>person/age</c>.
/// When several modules bind the same key, the first one (in composition order) wins.
/// </summary>
public sealed class HandlerMap
{
    private readonly Dictionary<(string Method, string Path), EndpointHandler> _handlers = [];
    private readonly bool _caseSensitive;

    internal HandlerMap(bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
    }

    internal EndpointHandler? DefaultHandler { get; private set; }

    /// <summary>Binds <paramref name="handler"/> to <paramref name="path"/> for <paramref name="method"/>
    /// (null: any method). Leading and trailing slashes are ignored.</summary>
    public HandlerMap Map(string? method, string path, EndpointHandler handler)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handler);
        var key = (method?.ToUpperInvariant() ?? string.Empty, NormalizePath(path));
        _handlers.TryAdd(key, handler);
        return this;
    }

    public HandlerMap Any(string path, EndpointHandler handler) => Map(null, path, handler);

    public HandlerMap Get(string path, EndpointHandler handler) => Map("GET", path, handler);

    public HandlerMap Post(string path, EndpointHandler handler) => Map("POST", path, handler);

    public HandlerMap Put(string path, EndpointHandler handler) => Map("PUT", path, handler);

    public HandlerMap Patch(string path, EndpointHandler handler) => Map("PATCH", path, handler);

    public HandlerMap Delete(string path, EndpointHandler handler) => Map("DELETE", path, handler);

    public HandlerMap Options(string path, EndpointHandler handler) => Map("OPTIONS", path, handler);

    /// <summary>The handler for endpoints no other handler covers (default: an empty 204).</summary>
    public HandlerMap Default(EndpointHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        DefaultHandler ??= handler;
        return this;
    }

    internal string NormalizePath(string path)
    {
        var trimmed = path.Trim('/');
        return _caseSensitive ? trimmed : trimmed.ToLowerInvariant();
    }

    internal FrozenDictionary<(string Method, string Path), EndpointHandler> Freeze() => _handlers.ToFrozenDictionary();
}
