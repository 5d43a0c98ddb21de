namespace MixNMatchttp.Auth;

/// <summary>A user of a users file, as <see cref="UsersFileEditor.Users"/> lists it.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Roles">The roles, in the order written.</param>
/// <param name="HashType">How the password is stored: <see cref="PasswordHashType.Plaintext"/> for a plaintext password,
/// else the type <see cref="PasswordHasher.Identify"/> gives; null when the field is not a hash of a supported format
/// (the server does not load that user).</param>
/// <param name="Line">The line number, from 1.</param>
public sealed record UsersFileEntry(string Username, IReadOnlyList<string> Roles, PasswordHashType? HashType, int Line);
