using System.Security.Cryptography;

namespace MixNMatchttp.Storage.Tests.Contracts;

/// <summary>Times for contract tests: the real clock (stores with native expiry count on it), to whole milliseconds
/// (what every backend keeps).</summary>
internal static class StoreTime
{
    public static DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>A name no other test uses, so that tests sharing one database do not meet.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new token hash as stores see them: 64 lower-case hex characters.</summary>
    public static string TokenHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
