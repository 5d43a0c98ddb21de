namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary>Hashes made by passlib, the Python seed's library, for every stored format.</summary>
public sealed class PasslibVectorTests
{
    private readonly PasswordHasher _hasher = new(TestOptions.Cheap());

    public static TheoryData<string, string, string, string> Vectors => PasswordVectors.Data(_ => true);

    /// <summary>All but the Argon2 hashes of the empty password, which Konscious.Security.Cryptography refuses.</summary>
    public static TheoryData<string, string, string, string> VerifiableVectors =>
        PasswordVectors.Data(v => !(v.Type == nameof(PasswordHashType.Argon2id) && v.Password.Length == 0));

    [Theory]
    [MemberData(nameof(VerifiableVectors))]
    public void PasslibHash_VerifiesWithItsPassword(string scheme, string type, string password, string hash)
    {
        Assert.True(_hasher.Verify(password, hash), $"{scheme} ({type}): {hash}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void PasslibHash_FailsWithAWrongPassword(string scheme, string type, string password, string hash)
    {
        Assert.False(_hasher.Verify("wrong" + password, hash), $"{scheme} ({type}): {hash}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void PasslibHash_IsIdentifiedAsItsType(string scheme, string type, string password, string hash)
    {
        _ = password;
        Assert.True(Enum.TryParse<PasswordHashType>(type, out var expected), scheme);
        Assert.Equal(expected, PasswordHasher.Identify(hash));
    }

    [Fact]
    public void EmptyPassword_NeverMatchesAnArgon2Hash_BecauseKonsciousRefusesIt()
    {
        var argon2OfEmpty = PasswordVectors.Vectors.Where(v => v.Type == nameof(PasswordHashType.Argon2id) && v.Password.Length == 0).ToList();
        Assert.NotEmpty(argon2OfEmpty);
        Assert.All(argon2OfEmpty, v => Assert.False(_hasher.Verify("", v.Hash)));
    }

    [Fact]
    public void Vectors_CoverEveryVerifiableType()
    {
        var covered = PasswordVectors.Vectors.Select(v => Enum.Parse<PasswordHashType>(v.Type)).ToHashSet();
        // Plaintext is a users-file setting and WrappedLegacy our own format: passlib makes neither.
        var expected = Enum.GetValues<PasswordHashType>().Where(t => t is not (PasswordHashType.Plaintext or PasswordHashType.WrappedLegacy));
        Assert.Equal(expected.Order(), covered.Order());
    }

    [Fact]
    public void PasslibHashOfAnotherType_NeedsUpgrade_AndItsOwnTypeWithWeakerParametersToo()
    {
        var hasher = new PasswordHasher(new PasswordHashingOptions { HashType = PasswordHashType.Pbkdf2Sha256, Pbkdf2Iterations = 2000 });
        foreach (var vector in PasswordVectors.Vectors)
        {
            // All vectors are of other types, or PBKDF2 with 1000 or 29000 rounds.
            var expected = vector.Type != nameof(PasswordHashType.Pbkdf2Sha256) || vector.Hash.Contains("$1000$", StringComparison.Ordinal);
            Assert.Equal(expected, hasher.NeedsUpgrade(vector.Hash));
        }
    }
}
