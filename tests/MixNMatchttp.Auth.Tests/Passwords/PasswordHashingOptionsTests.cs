namespace MixNMatchttp.Auth.Tests.Passwords;

public sealed class PasswordHashingOptionsTests
{
    [Fact]
    public void Defaults_MeetOwaspPasswordStorageRecommendations()
    {
        var options = new PasswordHashingOptions();

        Assert.Equal(PasswordHashType.Argon2id, options.HashType);

        // Argon2id: m = 19 MiB, t = 2, p = 1 is OWASP's minimum configuration.
        Assert.True(options.Argon2MemoryKiB >= 19 * 1024);
        Assert.True(options.Argon2Iterations >= 2);
        Assert.Equal(1, options.Argon2Parallelism);

        Assert.True(options.BcryptWorkFactor >= 10);
        Assert.True(options.Pbkdf2Iterations >= 600_000);
        Assert.True(options.UpgradeLegacyHashes);
        options.Validate();
    }

    [Fact]
    public void DefaultHasher_WritesArgon2idWithTheDefaultParameters_AndVerifiesIt()
    {
        var hasher = new PasswordHasher(new PasswordHashingOptions());
        var hash = hasher.Hash("correct horse battery staple");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.True(hasher.Verify("correct horse battery staple", hash));
        Assert.False(hasher.NeedsUpgrade(hash));
    }

    [Theory]
    [InlineData(PasswordHashType.Argon2id)]
    [InlineData(PasswordHashType.Bcrypt)]
    [InlineData(PasswordHashType.Pbkdf2Sha256)]
    public void ModernType_IsAcceptedForNewHashes_AndHashesInThatFormat(PasswordHashType type)
    {
        var options = new PasswordHashingOptions { HashType = type, Pbkdf2Iterations = 1000, BcryptWorkFactor = 4, Argon2MemoryKiB = 1024, Argon2Iterations = 1 };
        options.Validate();

        var hasher = new PasswordHasher(options);
        var hash = hasher.Hash("Str0ng!Passw0rd");

        Assert.Equal(type, PasswordHasher.Identify(hash));
        Assert.True(hasher.Verify("Str0ng!Passw0rd", hash));
        Assert.False(hasher.Verify("Str0ng!Passw0rd?", hash));
    }

    [Theory]
    [InlineData(PasswordHashType.Plaintext)]
    [InlineData(PasswordHashType.Md5)]
    [InlineData(PasswordHashType.Sha1)]
    [InlineData(PasswordHashType.Sha256)]
    [InlineData(PasswordHashType.Sha512)]
    [InlineData(PasswordHashType.Md5Crypt)]
    [InlineData(PasswordHashType.Sha1Crypt)]
    [InlineData(PasswordHashType.Sha256Crypt)]
    [InlineData(PasswordHashType.Sha512Crypt)]
    [InlineData(PasswordHashType.Scrypt)]
    [InlineData((PasswordHashType)99)]
    public void LegacyType_IsRefusedForNewHashes_WithAOneLineReason(PasswordHashType type)
    {
        var error = Assert.Throws<MixConfigurationException>(() => new PasswordHashingOptions { HashType = type }.Validate());
        Assert.Contains(type.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public static TheoryData<string, Action<PasswordHashingOptions>> BadParameters => new()
    {
        { nameof(PasswordHashingOptions.Argon2MemoryKiB), o => o.Argon2MemoryKiB = 7 },
        { nameof(PasswordHashingOptions.Argon2MemoryKiB), o => (o.Argon2Parallelism, o.Argon2MemoryKiB) = (4, 31) },
        { nameof(PasswordHashingOptions.Argon2MemoryKiB), o => o.Argon2MemoryKiB = (1024 * 1024) + 1 },
        { nameof(PasswordHashingOptions.Argon2Iterations), o => o.Argon2Iterations = 0 },
        { nameof(PasswordHashingOptions.Argon2Iterations), o => o.Argon2Iterations = 65 },
        { "Argon2MemoryKiB × Argon2Iterations", o => (o.Argon2MemoryKiB, o.Argon2Iterations) = (1024 * 1024, 5) },
        { nameof(PasswordHashingOptions.Argon2Parallelism), o => o.Argon2Parallelism = 0 },
        { nameof(PasswordHashingOptions.Argon2Parallelism), o => o.Argon2Parallelism = 65 },
        { nameof(PasswordHashingOptions.BcryptWorkFactor), o => o.BcryptWorkFactor = 3 },
        { nameof(PasswordHashingOptions.BcryptWorkFactor), o => o.BcryptWorkFactor = 17 },
        { nameof(PasswordHashingOptions.Pbkdf2Iterations), o => o.Pbkdf2Iterations = 0 },
        { nameof(PasswordHashingOptions.Pbkdf2Iterations), o => o.Pbkdf2Iterations = 10_000_001 },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void ParameterOutOfRange_IsRefusedNamingIt(string name, Action<PasswordHashingOptions> change)
    {
        var options = new PasswordHashingOptions();
        change(options);
        var error = Assert.Throws<MixConfigurationException>(options.Validate);
        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
    }
}
