namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary>Fast legacy hashes wrapped in a new hash: verified through one new-hash check, without the legacy checksum
/// kept anywhere, and upgraded at login like any legacy hash.</summary>
public sealed class WrappedLegacyHashTests
{
    private readonly PasswordHasher _hasher = new(TestOptions.Cheap());

    /// <summary>The passlib vectors of the fast formats, with a non-empty password.</summary>
    public static TheoryData<string, string, string, string> FastVectors => PasswordVectors.Data(v =>
        v.Password.Length > 0 && v.Type is nameof(PasswordHashType.Md5) or nameof(PasswordHashType.Sha1) or nameof(PasswordHashType.Sha256)
            or nameof(PasswordHashType.Sha512) or nameof(PasswordHashType.Md5Crypt) or nameof(PasswordHashType.Sha1Crypt)
            or nameof(PasswordHashType.Sha256Crypt) or nameof(PasswordHashType.Sha512Crypt));

    /// <summary>The passlib vectors of the slow formats: not wrapped.</summary>
    public static TheoryData<string, string, string, string> SlowVectors => PasswordVectors.Data(v =>
        v.Type is nameof(PasswordHashType.Argon2id) or nameof(PasswordHashType.Bcrypt) or nameof(PasswordHashType.Pbkdf2Sha256) or nameof(PasswordHashType.Scrypt));

    [Theory]
    [MemberData(nameof(FastVectors))]
    public void FastLegacyHash_IsWrappedInOneNewHash_WithoutItsChecksum_AndStillVerifies(string scheme, string type, string password, string hash)
    {
        var wrapped = _hasher.WrapLegacyHash(hash);

        Assert.Equal(PasswordHashType.WrappedLegacy, PasswordHasher.Identify(wrapped));
        var checksum = hash[(hash.LastIndexOf('$') + 1)..];
        Assert.DoesNotContain(checksum, wrapped, StringComparison.OrdinalIgnoreCase);
        var inner = wrapped[(wrapped.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", inner, StringComparison.Ordinal);
        Assert.Equal(PasswordHashType.Argon2id, PasswordHasher.Identify(inner));
        Assert.True(_hasher.Verify(password, wrapped), $"{scheme} ({type})");
        Assert.False(_hasher.Verify("wrong" + password, wrapped), $"{scheme} ({type})");
        Assert.False(_hasher.Verify(password + "\0", wrapped), $"{scheme} ({type})");
        Assert.True(_hasher.NeedsUpgrade(wrapped));
        Assert.True(_hasher.VerifyAndUpgrade(password, wrapped, out var upgraded));
        Assert.StartsWith("$argon2id$", upgraded, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SlowVectors))]
    public void SlowHash_IsNotWrapped(string scheme, string type, string password, string hash)
    {
        _ = (scheme, type, password);
        Assert.Same(hash, _hasher.WrapLegacyHash(hash));
    }

    [Theory]
    [InlineData("$wrapped$")]
    [InlineData("$wrapped$#")]
    [InlineData("$wrapped$00000000000000000000000000000000")]
    [InlineData("$wrapped$00000000000000000000000000000000#not a hash")]
    [InlineData("$wrapped$nope#$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$wrapped$$2b$04$abcdefghijklmnopqrstuu5KBnhxfT0b5Ig0bVvQeVfE4wOGsdd1u#$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    public void MalformedWrappedHash_IsNotIdentified_AndNeverVerifies(string stored)
    {
        Assert.Null(PasswordHasher.Identify(stored));
        Assert.False(_hasher.Verify("password", stored));
    }
}
