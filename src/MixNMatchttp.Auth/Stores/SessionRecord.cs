namespace MixNMatchttp.Auth;

/// <summary>A server-side session: a cookie session or a JWT refresh token. Stores see only the token's
/// SHA-256 hash, never the token itself, so a leaked store does not leak sessions.</summary>
/// <param name="TokenHash">Lower-case hex SHA-256 of the token.</param>
/// <param name="Username">Whose session it is.</param>
/// <param name="ExpiresAt">When it stops being valid.</param>
/// <param name="Family">For JWT refresh tokens, the family (the login) the token descends from; a reused refresh token
/// revokes its whole family. Null for cookie sessions.</param>
public sealed record SessionRecord(string TokenHash, string Username, DateTimeOffset ExpiresAt, string? Family = null);
