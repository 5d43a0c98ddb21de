namespace MixNMatchttp.PathPolicies;

/// <summary>How <see cref="DenyPaths"/> answers a request for a denied path.</summary>
public enum DeniedPathResponse
{
    /// <summary>404 Not Found, exactly like a path that does not exist: the response does not reveal that it does.</summary>
    NotFound,

    /// <summary>403 Forbidden.</summary>
    Forbidden,
}
