using StackExchange.Redis;

namespace MixNMatchttp.Storage.Redis;

/// <summary>
/// Every key the stores use: the prefix, then a kind, then (for most kinds) text that callers control. No kind's text
/// is a prefix of another's (they differ before their first colon or at it), so no user name, token or address can make
/// one kind's key equal another's. Keys are exact byte strings, never patterns: <c>*</c>, <c>?</c> and <c>[</c> in them
/// match nothing but themselves.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix => prefix;

    /// <summary>Hash <c>user</c>, <c>expires</c> (Unix ms), <c>family</c> (absent for cookie sessions); expires with the session.</summary>
    public string SessionPrefix => prefix + "session:";

    /// <summary>Set of the token hashes of one user's sessions.</summary>
    public string SessionUserPrefix => prefix + "session-user:";

    /// <summary>Set of the token hashes of one refresh-token family.</summary>
    public string SessionFamilyPrefix => prefix + "session-family:";

    public RedisKey Session(string tokenHash) => SessionPrefix + tokenHash;

    public RedisKey SessionUser(string username) => SessionUserPrefix + username;

    public RedisKey SessionFamily(string family) => SessionFamilyPrefix + family;

    /// <summary>String <c>1</c> until the token expires.</summary>
    public RedisKey Revoked(string tokenId) => prefix + "revoked:" + tokenId;

    /// <summary>Hash <c>count</c>, <c>last</c> (Unix ms of the last failure); expires a window after it.</summary>
    public RedisKey LockoutAccount(string account) => prefix + "lockout-account:" + account;

    /// <summary>Like <see cref="LockoutAccount"/>, for a client address.</summary>
    public RedisKey LockoutAddress(string address) => prefix + "lockout-address:" + address;

    /// <summary>The page store's keys, in the order its scripts take them: the set of names ever saved, then hashes
    /// name → body, name → content type, name → size, then the string holding the bytes held.</summary>
    public RedisKey[] Pages { get; } = [prefix + "page-names", prefix + "page-bodies", prefix + "page-types", prefix + "page-sizes", prefix + "page-bytes"];
}
