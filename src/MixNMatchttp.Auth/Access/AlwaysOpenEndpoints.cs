namespace MixNMatchttp.Auth;

/// <summary>
/// Recognises requests that resolve to the /login and /logout endpoints, which are never protected: the path after the
/// endpoint prefix (matched exactly, as the router does) is the endpoint itself, with or without a trailing '/' (the router resolves <c>/login/</c> to
/// /login with no arguments), compared as the router compares (case-insensitively unless
/// <see cref="MixServerOptions.CaseSensitiveEndpoints"/>). A longer path is another endpoint or a file, and is not exempt.
/// </summary>
internal sealed class AlwaysOpenEndpoints(string endpointPrefix, bool caseSensitive)
{
    private static readonly string[] Names = ["/login", "/logout"];

    private readonly StringComparison _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Whether the canonical <paramref name="path"/> resolves to /login or /logout.</summary>
    public bool Contains(string path)
    {
        if (!path.StartsWith(endpointPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var endpoint = path.AsSpan(endpointPrefix.Length);
        if (endpoint.Length > 1 && endpoint[^1] == '/')
        {
            endpoint = endpoint[..^1];
        }

        foreach (var name in Names)
        {
            if (endpoint.Equals(name, _comparison))
            {
                return true;
            }
        }

        return false;
    }
}
