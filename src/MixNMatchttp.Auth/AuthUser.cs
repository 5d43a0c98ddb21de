namespace MixNMatchttp.Auth;

/// <summary>The user a request is authenticated as.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Roles">The user's roles.</param>
public sealed record AuthUser(string Username, IReadOnlyList<string> Roles);
