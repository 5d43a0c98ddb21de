namespace MixNMatchttp.Auth.Tests.Passwords;

internal static class TestOptions
{
    /// <summary>Options with the cheapest accepted parameters, to keep tests fast.</summary>
    public static PasswordHashingOptions Cheap(PasswordHashType type = PasswordHashType.Argon2id) => new()
    {
        HashType = type,
        Argon2MemoryKiB = 64,
        Argon2Iterations = 1,
        Argon2Parallelism = 1,
        BcryptWorkFactor = 4,
        Pbkdf2Iterations = 1000,
    };
}
