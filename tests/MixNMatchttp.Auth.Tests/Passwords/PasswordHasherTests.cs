using System.Text.RegularExpressions;

namespace MixNMatchttp.Auth.Tests.Passwords;

public sealed class PasswordHasherTests
{
    public static TheoryData<PasswordHashType, string> NewHashFormats => new()
    {
        { PasswordHashType.Argon2id, @"^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$" },
        { PasswordHashType.Bcrypt, @"^\$2b\$04\$[./A-Za-z0-9]{53}$" },
        { PasswordHashType.Pbkdf2Sha256, @"^\$pbkdf2-sha256\$1000\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{43}$" },
    };

    private static readonly PasswordHashType[] ModernTypes = [PasswordHashType.Argon2id, PasswordHashType.Bcrypt, PasswordHashType.Pbkdf2Sha256];

    public static TheoryData<PasswordHashType> NewHashTypes => new(ModernTypes);

    [Theory]
    [MemberData(nameof(NewHashFormats))]
    public void Hash_IsInTheConfiguredFormat_AndIdentifiedAsIt(PasswordHashType type, string pattern)
    {
        var hash = new PasswordHasher(TestOptions.Cheap(type)).Hash("pässwörd ☃");
        Assert.Matches(new Regex(pattern), hash);
        Assert.Equal(type, PasswordHasher.Identify(hash));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void NewHash_VerifiesWithThePasswordOnly(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        foreach (var password in new[] { "password", "pässwörd ☃", string.Concat(Enumerable.Repeat("0123456789", 10)), "pass:word", "\t " })
        {
            var hash = hasher.Hash(password);
            Assert.True(hasher.Verify(password, hash), hash);
            Assert.False(hasher.Verify("!" + password, hash), hash);
            Assert.False(hasher.Verify(password[1..], hash), hash);
            Assert.False(hasher.Verify("wrong", hash), hash);
        }
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void SamePasswordTwice_GivesTwoDifferentSaltedHashes(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        Assert.NotEqual(hasher.Hash("password"), hasher.Hash("password"));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void NewHash_VerifiesWithAnotherConfiguration(PasswordHashType type)
    {
        var hash = new PasswordHasher(TestOptions.Cheap(type)).Hash("password");
        var other = new PasswordHasher(TestOptions.Cheap(type == PasswordHashType.Bcrypt ? PasswordHashType.Argon2id : PasswordHashType.Bcrypt));
        Assert.True(other.Verify("password", hash));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void HashOfTheConfiguredTypeAndParameters_NeedsNoUpgrade(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        Assert.False(hasher.NeedsUpgrade(hasher.Hash("password")));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void HashOfAnotherNewType_NeedsUpgrade(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        foreach (var other in ModernTypes.Where(t => t != type))
        {
            Assert.True(hasher.NeedsUpgrade(new PasswordHasher(TestOptions.Cheap(other)).Hash("password")), other.ToString());
        }
    }

    [Theory]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99")] // md5 hex
    [InlineData("$1$test$pi/xDtU5WFVRqYS6BMU8X/")]
    [InlineData("$5$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$scrypt$ln=16,r=8,p=1$O4ew9l5LqdV6792bcy6FkA$Cp7yuKIw/28/lCi+G5aTgTt52vPrtU4rOJfSmXw2gN4")]
    [InlineData("not a hash")]
    public void LegacyOrUnknownHash_NeedsUpgrade(string stored)
    {
        Assert.True(new PasswordHasher(TestOptions.Cheap()).NeedsUpgrade(stored));
    }

    [Theory]
    [InlineData(PasswordHashType.Argon2id, "$argon2id$v=19$m=32,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", true)] // less memory
    [InlineData(PasswordHashType.Argon2id, "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", false)]
    [InlineData(PasswordHashType.Argon2id, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", false)] // stronger
    [InlineData(PasswordHashType.Argon2id, "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", true)] // another variant
    [InlineData(PasswordHashType.Pbkdf2Sha256, "$pbkdf2-sha256$999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", true)]
    [InlineData(PasswordHashType.Pbkdf2Sha256, "$pbkdf2-sha256$29000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    public void HashOfTheConfiguredType_NeedsUpgradeOnlyWithWeakerParameters(PasswordHashType type, string stored, bool expected)
    {
        Assert.NotNull(PasswordHasher.Identify(stored));
        Assert.Equal(expected, new PasswordHasher(TestOptions.Cheap(type)).NeedsUpgrade(stored));
    }

    [Fact]
    public void BcryptHashWithALowerCost_NeedsUpgrade()
    {
        var weak = new PasswordHasher(TestOptions.Cheap(PasswordHashType.Bcrypt)).Hash("password");
        var options = TestOptions.Cheap(PasswordHashType.Bcrypt);
        options.BcryptWorkFactor = 5;
        var stronger = new PasswordHasher(options);
        Assert.True(stronger.NeedsUpgrade(weak));
        Assert.False(new PasswordHasher(TestOptions.Cheap(PasswordHashType.Bcrypt)).NeedsUpgrade(stronger.Hash("password")));
    }

    [Fact]
    public void VerifyAndUpgrade_GivesANewHashForALegacyHash_OnlyWhenThePasswordIsRight()
    {
        var hasher = new PasswordHasher(TestOptions.Cheap());
        const string legacy = "$1$test$pi/xDtU5WFVRqYS6BMU8X/";

        Assert.False(hasher.VerifyAndUpgrade("wrong", legacy, out var none));
        Assert.Null(none);

        Assert.True(hasher.VerifyAndUpgrade("test", legacy, out var upgraded));
        Assert.NotNull(upgraded);
        Assert.Equal(PasswordHashType.Argon2id, PasswordHasher.Identify(upgraded));
        Assert.True(hasher.Verify("test", upgraded));

        Assert.True(hasher.VerifyAndUpgrade("test", upgraded, out var again));
        Assert.Null(again);
    }

    [Fact]
    public void VerifyAndUpgrade_GivesNoNewHash_WhenUpgradesAreOff()
    {
        var options = TestOptions.Cheap();
        options.UpgradeLegacyHashes = false;
        var hasher = new PasswordHasher(options);
        Assert.True(hasher.VerifyAndUpgrade("test", "$1$test$pi/xDtU5WFVRqYS6BMU8X/", out var upgraded));
        Assert.Null(upgraded);
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void DummyHash_IsOfTheConfiguredType_StableForAnInstance_AndMatchesNoGuess(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        Assert.Equal(type, PasswordHasher.Identify(hasher.DummyHash));
        Assert.Same(hasher.DummyHash, hasher.DummyHash);
        Assert.NotEqual(hasher.DummyHash, new PasswordHasher(TestOptions.Cheap(type)).DummyHash);
        Assert.False(hasher.NeedsUpgrade(hasher.DummyHash));
        Assert.False(hasher.Verify("password", hasher.DummyHash));
    }

    [Fact]
    public void ConcurrentCalls_ShareOneDummyHash_AndAllSucceed()
    {
        var hasher = new PasswordHasher(TestOptions.Cheap());
        var dummies = new string[32];
        var verified = new bool[32];
        Parallel.For(0, 32, i =>
        {
            dummies[i] = hasher.DummyHash;
            var password = "password" + i;
            verified[i] = hasher.Verify(password, hasher.Hash(password)) && !hasher.Verify(password, dummies[i]);
        });
        Assert.All(dummies, d => Assert.Same(dummies[0], d));
        Assert.All(verified, Assert.True);
    }

    [Fact]
    public void Options_AreCopiedWhenTheHasherIsCreated()
    {
        var options = TestOptions.Cheap();
        var hasher = new PasswordHasher(options);
        options.HashType = PasswordHashType.Bcrypt;
        options.Argon2MemoryKiB = 128;
        var hash = hasher.Hash("password");
        Assert.Equal(PasswordHashType.Argon2id, hasher.HashType);
        Assert.Contains("$m=64,", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_AreRefusedWhenTheHasherIsCreated()
    {
        Assert.Throws<MixConfigurationException>(() => new PasswordHasher(new PasswordHashingOptions { HashType = PasswordHashType.Md5 }));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void TooLongPassword_IsNotHashed_AndNeverVerifies(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        var longest = new string('a', PasswordHasher.MaxPasswordBytes);
        var tooLong = new string('é', (PasswordHasher.MaxPasswordBytes / 2) + 1); // two UTF-8 bytes each

        Assert.Null(hasher.CheckHashable(longest));
        Assert.True(hasher.Verify(longest, hasher.Hash(longest)));
        Assert.NotNull(hasher.CheckHashable(tooLong));
        Assert.Throws<ArgumentException>(() => hasher.Hash(tooLong));
        Assert.False(hasher.Verify(tooLong, hasher.Hash(longest)));
    }

    [Theory]
    [MemberData(nameof(NewHashTypes))]
    public void EmptyPassword_IsNotHashed(PasswordHashType type)
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(type));
        Assert.NotNull(hasher.CheckHashable(""));
        Assert.Throws<ArgumentException>(() => hasher.Hash(""));
    }

    [Fact]
    public void PasswordWithANulCharacter_IsNotHashedWithBcrypt_ButIsWithTheOthers()
    {
        Assert.Throws<ArgumentException>(() => new PasswordHasher(TestOptions.Cheap(PasswordHashType.Bcrypt)).Hash("pass\0word"));
        var hasher = new PasswordHasher(TestOptions.Cheap());
        var hash = hasher.Hash("pass\0word");
        Assert.True(hasher.Verify("pass\0word", hash));
        Assert.False(hasher.Verify("pass", hash));
    }

    [Fact]
    public void BcryptPasswords_AreCutAt72Bytes_AsEveryBcryptDoes()
    {
        var hasher = new PasswordHasher(TestOptions.Cheap(PasswordHashType.Bcrypt));
        var hash = hasher.Hash(new string('a', 72) + "first");
        Assert.True(hasher.Verify(new string('a', 72) + "second", hash));
        Assert.False(hasher.Verify(new string('a', 71), hash));
    }

    [Fact]
    public void HexDigest_IsVerifiedInEitherCase()
    {
        var hasher = new PasswordHasher(TestOptions.Cheap());
        Assert.True(hasher.Verify("password", "5f4dcc3b5aa765d61d8327deb882cf99"));
        Assert.True(hasher.Verify("password", "5F4DCC3B5AA765D61D8327DEB882CF99"));
        Assert.False(hasher.Verify("Password", "5f4dcc3b5aa765d61d8327deb882cf99"));
    }

    [Fact]
    public void Plaintext_IsNeverIdentified()
    {
        Assert.Null(PasswordHasher.Identify("password"));
        Assert.Null(PasswordHasher.Identify("pass:word"));
    }
}
