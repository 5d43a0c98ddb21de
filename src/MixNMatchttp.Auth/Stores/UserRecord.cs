namespace MixNMatchttp.Auth;

/// <summary>A user as stored: the password only as a hash (see <see cref="PasswordHasher"/>).</summary>
/// <param name="Username">The unique user name.</param>
/// <param name="PasswordHash">The password hash string.</param>
/// <param name="Roles">The user's roles.</param>
public sealed record UserRecord(string Username, string PasswordHash, IReadOnlyList<string> Roles);
