using MixNMatchttp.Auth;

namespace MixNMatchttp.Storage.Sql;

/// <summary>Plugs a <see cref="SqlStorage"/> into <see cref="AuthOptions"/>.</summary>
public static class SqlStorageAuthExtensions
{
    /// <summary>Keeps users, sessions and revoked access tokens in <paramref name="storage"/>. To keep only some of them
    /// there, set <see cref="AuthOptions.UserStore"/>, <see cref="AuthOptions.SessionStore"/> or
    /// <see cref="AuthOptions.RevokedTokenStore"/> to the storage's stores one by one.</summary>
    public static AuthOptions UseSqlStorage(this AuthOptions options, SqlStorage storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        options.UserStore = storage.Users;
        options.SessionStore = storage.Sessions;
        options.RevokedTokenStore = storage.RevokedTokens;
        return options;
    }
}
