using System.Text.RegularExpressions;

namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary><see cref="PasswordHasher.Hash(string, PasswordHashType)"/> writes every type a users file can hold, in
/// passlib's string format (passlib's default costs for the legacy types), each with a fresh salt where the format
/// has one; the server's own hashes stay of the configured type.</summary>
public sealed class HashEveryTypeTests
{
    private const string Crypt64 = "[./0-9A-Za-z]";
    private const string Base64 = "[A-Za-z0-9+/]";

    private static readonly PasswordHasher Hasher = new(TestOptions.Cheap());

    /// <summary>Each type a password can be hashed as (all but plaintext) and the exact form of its strings.</summary>
    public static TheoryData<PasswordHashType, string> Formats => new()
    {
        { PasswordHashType.Argon2id, $@"^\$argon2id\$v=19\$m=64,t=1,p=1\${Base64}{{22}}\${Base64}{{43}}$" },
        { PasswordHashType.Bcrypt, $@"^\$2b\$04\${Crypt64}{{53}}$" },
        { PasswordHashType.Pbkdf2Sha256, $@"^\$pbkdf2-sha256\$1000\${Crypt64}{{22}}\${Crypt64}{{43}}$" },
        { PasswordHashType.Md5, "^[0-9a-f]{32}$" },
        { PasswordHashType.Sha1, "^[0-9a-f]{40}$" },
        { PasswordHashType.Sha256, "^[0-9a-f]{64}$" },
        { PasswordHashType.Sha512, "^[0-9a-f]{128}$" },
        { PasswordHashType.Md5Crypt, $@"^\$1\${Crypt64}{{8}}\${Crypt64}{{22}}$" },
        { PasswordHashType.Sha1Crypt, $@"^\$sha1\$480000\${Crypt64}{{8}}\${Crypt64}{{28}}$" },
        { PasswordHashType.Sha256Crypt, $@"^\$5\$rounds=535000\${Crypt64}{{16}}\${Crypt64}{{43}}$" },
        { PasswordHashType.Sha512Crypt, $@"^\$6\$rounds=656000\${Crypt64}{{16}}\${Crypt64}{{86}}$" },
        { PasswordHashType.Scrypt, $@"^\$scrypt\$ln=16,r=8,p=1\${Base64}{{22}}\${Base64}{{43}}$" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryType_IsWrittenInItsFormat_WithAFreshSalt_IdentifiedAsIt_AndVerifiesOnlyTheRightPassword(PasswordHashType type, string pattern)
    {
        // Two hashes of the same password (the slow legacy types cost about a second each, so four computations in all).
        const string Password = "pässwörd:☃";
        var (first, second) = (Hasher.Hash(Password, type), Hasher.Hash(Password, type));

        Assert.Matches(new Regex(pattern), first);
        Assert.Equal(type, PasswordHasher.Identify(first));
        Assert.Equal(type is PasswordHashType.Md5 or PasswordHashType.Sha1 or PasswordHashType.Sha256 or PasswordHashType.Sha512, first == second);
        Assert.True(Hasher.Verify(Password, first), first);
        Assert.False(Hasher.Verify(Password + "!", second), second);
    }

    [Theory]
    [InlineData(PasswordHashType.Md5, "5f4dcc3b5aa765d61d8327deb882cf99")]
    [InlineData(PasswordHashType.Sha1, "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8")]
    [InlineData(PasswordHashType.Sha256, "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8")]
    public void UnsaltedDigests_AreTheLowerCaseHexDigest(PasswordHashType type, string expected) =>
        Assert.Equal(expected, Hasher.Hash("password", type));

    [Fact]
    public void Plaintext_IsThePasswordItself_AndIdentifiedAsNothing()
    {
        Assert.Equal("Pl4in!Passw0rd", Hasher.Hash("Pl4in!Passw0rd", PasswordHashType.Plaintext));
        Assert.Null(PasswordHasher.Identify("Pl4in!Passw0rd"));
    }

    [Fact]
    public void AWrappedLegacyHash_CannotBeMadeFromAPassword()
    {
        var refused = Assert.Throws<ArgumentException>(() => Hasher.Hash("password", PasswordHashType.WrappedLegacy));
        Assert.StartsWith("a wrapped legacy hash is made from a legacy hash", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PasswordHashType.Bcrypt, true)]
    [InlineData(PasswordHashType.Md5Crypt, true)]
    [InlineData(PasswordHashType.Sha1Crypt, true)]
    [InlineData(PasswordHashType.Sha256Crypt, true)]
    [InlineData(PasswordHashType.Sha512Crypt, true)]
    [InlineData(PasswordHashType.Argon2id, false)]
    [InlineData(PasswordHashType.Pbkdf2Sha256, false)]
    [InlineData(PasswordHashType.Scrypt, false)]
    [InlineData(PasswordHashType.Md5, false)]
    [InlineData(PasswordHashType.Plaintext, false)]
    public void ANulCharacter_IsRefused_ByTheFormatsWhoseCImplementationsStopThere(PasswordHashType type, bool refused) =>
        Assert.Equal(refused ? "the password must not contain a NUL character" : null, PasswordHasher.CheckHashable("pass\0word", type));

    [Theory]
    [InlineData(PasswordHashType.Argon2id)]
    [InlineData(PasswordHashType.Pbkdf2Sha256)]
    [InlineData(PasswordHashType.Md5)]
    public void APasswordWithANulCharacter_RoundTrips_WhereTheFormatAllowsIt(PasswordHashType type)
    {
        var hash = Hasher.Hash("pass\0word", type);
        Assert.True(Hasher.Verify("pass\0word", hash));
        Assert.False(Hasher.Verify("pass", hash));
    }

    [Theory]
    [InlineData(PasswordHashType.Md5)]
    [InlineData(PasswordHashType.Sha512Crypt)]
    [InlineData(PasswordHashType.Plaintext)]
    public void EmptyAndOverlongPasswords_AreRefusedForEveryType(PasswordHashType type)
    {
        Assert.StartsWith("the password must not be empty", Assert.Throws<ArgumentException>(() => Hasher.Hash(string.Empty, type)).Message, StringComparison.Ordinal);
        Assert.StartsWith("the password must be at most 4096 bytes long", Assert.Throws<ArgumentException>(() => Hasher.Hash(new string('é', 2049), type)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheServersOwnHashes_StayOfTheConfiguredType_AndLegacyTypesCannotBeConfigured()
    {
        Assert.Equal(PasswordHashType.Argon2id, PasswordHasher.Identify(Hasher.Hash("password")));
        Assert.Throws<MixConfigurationException>(() => new PasswordHasher(TestOptions.Cheap(PasswordHashType.Sha512Crypt)));
    }

    [Fact]
    public void EveryName_ParsesToItsType_AndBack()
    {
        Assert.Equal(13, PasswordHashNames.All.Count);
        foreach (var name in PasswordHashNames.All)
        {
            Assert.True(PasswordHashNames.TryParse(name, out var type), name);
            Assert.Equal(name, PasswordHashNames.Of(type));
            Assert.True(PasswordHashNames.TryParse(name.ToUpperInvariant(), out var upper));
            Assert.Equal(type, upper);
        }

        Assert.True(PasswordHashNames.TryParse("sha512_crypt", out var sha512Crypt));
        Assert.Equal(PasswordHashType.Sha512Crypt, sha512Crypt);
        Assert.Equal("wrapped", PasswordHashNames.Of(PasswordHashType.WrappedLegacy));
    }

    [Theory]
    [InlineData("wrapped")]
    [InlineData("md4")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("sha512-crypt")]
    [InlineData("argon2i")]
    public void UnknownNames_AreRefused(string? name) => Assert.False(PasswordHashNames.TryParse(name, out _));
}
