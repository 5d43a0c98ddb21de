using System.Buffers.Binary;
using System.Text;

namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary>The test vectors published with the algorithms' specifications and reference implementations.</summary>
public sealed class PublishedVectorTests
{
    private const string LongerText = "a very much longer text to encrypt.  This one even stretches over morethan one line.";

    private readonly PasswordHasher _hasher = new(TestOptions.Cheap());

    /// <summary>Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", section "Test vectors": setting, key, result.</summary>
    public static TheoryData<string, string, string> DrepperVectors => new()
    {
        { "$5$saltstring", "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5" },
        { "$5$rounds=10000$saltstringsaltstring", "Hello world!", "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA" },
        { "$5$rounds=5000$toolongsaltstring", "This is just a test", "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5" },
        { "$5$rounds=1400$anotherlongsaltstring", LongerText, "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1" },
        { "$5$rounds=77777$short", "we have a short salt string but not a short password", "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/" },
        { "$5$rounds=123456$asaltof16chars..", "a short string", "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD" },
        { "$5$rounds=10$roundstoolow", "the minimum number is still observed", "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC" },
        { "$6$saltstring", "Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1" },
        { "$6$rounds=10000$saltstringsaltstring", "Hello world!", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v." },
        { "$6$rounds=5000$toolongsaltstring", "This is just a test", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0" },
        { "$6$rounds=1400$anotherlongsaltstring", LongerText, "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1" },
        { "$6$rounds=77777$short", "we have a short salt string but not a short password", "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0" },
        { "$6$rounds=123456$asaltof16chars..", "a short string", "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1" },
        { "$6$rounds=10$roundstoolow", "the minimum number is still observed", "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX." },
    };

    [Theory]
    [MemberData(nameof(DrepperVectors))]
    public void DrepperSetting_CryptsToThePublishedResult(string setting, string key, string expected)
    {
        Assert.Equal(expected, ShaCrypt.Crypt(Encoding.UTF8.GetBytes(key), setting));
    }

    [Theory]
    [MemberData(nameof(DrepperVectors))]
    public void DrepperResult_VerifiesWithItsKeyOnly(string setting, string key, string expected)
    {
        _ = setting;
        Assert.True(_hasher.Verify(key, expected));
        Assert.False(_hasher.Verify(key + ".", expected));
    }

    [Theory]
    [InlineData("$1$deadbeef$0Huu6KHrKLVWfqa4WljDE0", "0.s0.l33t")] // FreeBSD's crypt test suite
    [InlineData("$1$test$pi/xDtU5WFVRqYS6BMU8X/", "test")] // passlib's md5_crypt self-test
    [InlineData("$sha1$1$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe", "test")] // passlib's sha1_crypt self-test
    [InlineData("$5$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/", "test")] // passlib's sha256_crypt self-test
    public void ReferenceHash_VerifiesWithItsPasswordOnly(string hash, string password)
    {
        Assert.True(_hasher.Verify(password, hash));
        Assert.False(_hasher.Verify(password + "x", hash));
    }

    [Fact]
    public void Salsa20Core8_MatchesRfc7914Section8()
    {
        var input = Words("7e879a214f3ec9867ca940e641718f26baee555b8c61c1b50df846116dcd3b1dee24f319df9b3d8514121e4b5ac5aa3276021d2909c74829edebc68db8b8c25e");
        Scrypt.Salsa20Core8(input);
        Assert.Equal(Words("a41f859c6608cc993b81cacb020cef05044b2181a2fd337dfd7b1c6396682f29b4393168e3c9e6bcfe6bc5b7a06d96bae424cc102c91745c24ad673dc7618f81"), input);
    }

    [Theory]
    [InlineData("", "", 4, 1, 1,
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 10, 8, 16,
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [InlineData("pleaseletmein", "SodiumChloride", 14, 8, 1,
        "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")]
    public void Scrypt_MatchesRfc7914Section12(string password, string salt, int logN, int r, int p, string expectedHex)
    {
        var key = Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), logN, r, p, 64);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(key));
    }

    private static uint[] Words(string hex) =>
        [.. Convert.FromHexString(hex).Chunk(4).Select(b => BinaryPrimitives.ReadUInt32LittleEndian(b))];
}
