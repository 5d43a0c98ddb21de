using System.Diagnostics;

namespace MixNMatchttp.Auth.Tests.Passwords;

/// <summary>Stored strings from a bad users file or database row: never an exception, never a long computation.</summary>
public sealed class HostileHashTests
{
    private readonly PasswordHasher _hasher = new(TestOptions.Cheap());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$")]
    [InlineData("$$$$")]
    [InlineData("password")]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf9")] // 31 hex digits
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99a")] // 33 hex digits
    [InlineData("5f4dcc3b5aa765d61d8327deb882cfzz")] // not hex
    [InlineData(" 5f4dcc3b5aa765d61d8327deb882cf9")]
    [InlineData("$1$")]
    [InlineData("$1$test")]
    [InlineData("$1$test$")]
    [InlineData("$1$test$pi/xDtU5WFVRqYS6BMU8X")] // checksum too short
    [InlineData("$1$test$pi/xDtU5WFVRqYS6BMU8X/$")]
    [InlineData("$1$toolongsalt$pi/xDtU5WFVRqYS6BMU8X/")]
    [InlineData("$1$te!t$pi/xDtU5WFVRqYS6BMU8X/")]
    [InlineData("$1$tést$pi/xDtU5WFVRqYS6BMU8X/")]
    [InlineData("$sha1$$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    [InlineData("$sha1$0$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    [InlineData("$sha1$01$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    [InlineData("$sha1$-1$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    [InlineData("$sha1$99999999999$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    [InlineData("$5$rounds=$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$5$rounds=01000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$5$rounds=999$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$5$rounds=1000000000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$5$rounds=1e3$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$5$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb")]
    [InlineData("$5$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/x")]
    [InlineData("$5$rounds=1000$toolongsaltstring$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$6$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")] // a SHA-256 checksum
    [InlineData("$2b$04$")]
    [InlineData("$2b$04$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPG")] // one short
    [InlineData("$2b$04$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPG!")]
    [InlineData("$2b$03$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq")]
    [InlineData("$2b$99$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq")]
    [InlineData("$2b$4$$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq")]
    [InlineData("$2q$04$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq")]
    [InlineData("$2b$04$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGqq")]
    [InlineData("$scrypt$ln=4,r=8$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=4,r=8,p=1,x=2$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=0,r=8,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=4,r=0,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=4,r=8,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0I")] // not 32 bytes
    [InlineData("$scrypt$ln=4,r=8,p=1$o*ROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=4,r=8,p=1$oXROCWGMkXIuhRDCuBeCEA==$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$scrypt$ln=4,r=8,p=1$oXROC WGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE")]
    [InlineData("$pbkdf2-sha256$$VspZK0Vo7T2H8D7nPOc85w$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU")]
    [InlineData("$pbkdf2-sha256$0$VspZK0Vo7T2H8D7nPOc85w$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU")]
    [InlineData("$pbkdf2-sha256$1000$VspZK0Vo7T2H8D7nPOc85w$xOtfcTBp6rFob8qYdAHs5Ai")]
    [InlineData("$pbkdf2-sha256$1000$VspZK0Vo7T2H8D7nPOc85w")]
    [InlineData("$pbkdf2-sha256$1000$VspZK0Vo7T2H8D7nPOc85$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU")] // 4n+1 characters
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ")]
    [InlineData("$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$t=1,m=64,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=7,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")] // 4-byte salt
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA")] // 4-byte hash
    [InlineData("$argon2id$v=19$m=64,t=1,p=1,data=YQ$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2x$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D")]
    [InlineData("{SSHA}abcdefgh")]
    [InlineData("\0\0\0")]
    public void MalformedStoredHash_FailsVerification_WithoutAnException(string? stored)
    {
        Assert.False(_hasher.Verify("password", stored!));
        Assert.False(_hasher.Verify("", stored!));
        Assert.Null(PasswordHasher.Identify(stored!));
        Assert.True(_hasher.NeedsUpgrade(stored!));
    }

    [Fact]
    public void VeryLongStoredString_FailsVerification()
    {
        var stored = "$pbkdf2-sha256$1000$" + new string('A', 5000) + "$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU";
        Assert.Null(PasswordHasher.Identify(stored));
        Assert.False(_hasher.Verify("password", stored));
    }

    [Theory]
    [InlineData("$5$rounds=999999999$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/", PasswordHashType.Sha256Crypt)]
    [InlineData("$6$rounds=10000001$test$2M/Lx6MtobqjLjobw0Wmo4Q5OFx5nVLJvmgseatA6oMnyWeBdRDx4DU.1H3eGmse6pgsOgDisWBGI5c7TZauS0", PasswordHashType.Sha512Crypt)]
    [InlineData("$sha1$4294967295$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe", PasswordHashType.Sha1Crypt)]
    [InlineData("$pbkdf2-sha256$10000001$VspZK0Vo7T2H8D7nPOc85w$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU", PasswordHashType.Pbkdf2Sha256)]
    [InlineData("$pbkdf2-sha256$4294967295$VspZK0Vo7T2H8D7nPOc85w$xOtfcTBp6rFob8qYdAHs5Ai/UKM7Pg6n7Ynl0WK1BgU", PasswordHashType.Pbkdf2Sha256)]
    [InlineData("$scrypt$ln=21,r=8,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE", PasswordHashType.Scrypt)]
    [InlineData("$scrypt$ln=31,r=8,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE", PasswordHashType.Scrypt)]
    [InlineData("$scrypt$ln=16,r=1024,p=1$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE", PasswordHashType.Scrypt)] // 8 GiB
    [InlineData("$scrypt$ln=16,r=8,p=1000$oXROCWGMkXIuhRDCuBeCEA$oorhs+phmQKs6YhWx4r6QS2SSfb9KBrdf8T3lxoO0IE", PasswordHashType.Scrypt)]
    [InlineData("$argon2id$v=19$m=2097152,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", PasswordHashType.Argon2id)] // 2 GiB
    [InlineData("$argon2id$v=19$m=65536,t=100000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", PasswordHashType.Argon2id)]
    [InlineData("$argon2id$v=19$m=1048576,t=64,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", PasswordHashType.Argon2id)]
    [InlineData("$argon2id$v=19$m=65536,t=1,p=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", PasswordHashType.Argon2id)]
    [InlineData("$2b$31$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq", PasswordHashType.Bcrypt)]
    [InlineData("$2b$17$9pMSMVRTup3QZf2CU3ziEuYQ6IuZEyvRMuyxAJuDjctdJv2WLEPGq", PasswordHashType.Bcrypt)]
    public void AbsurdCost_IsRefusedAtOnce(string stored, PasswordHashType type)
    {
        // Well-formed, so identified; but computing it would take minutes or gigabytes.
        Assert.Equal(type, PasswordHasher.Identify(stored));
        var clock = Stopwatch.StartNew();
        Assert.False(_hasher.Verify("password", stored));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("$1$test$pi/xDtU5WFVRqYS6BMU8X/")]
    [InlineData("$5$rounds=1000$test$QmQADEXMG8POI5WDsaeho0P36yK3Tcrgboabng6bkb/")]
    [InlineData("$sha1$1$Wq3GL2Vp$C8U25GvfHS8qGHimExLaiSFlGkAe")]
    public void PasswordWithANulCharacter_NeverVerifiesACryptHash(string stored)
    {
        Assert.True(_hasher.Verify("test", stored));
        Assert.False(_hasher.Verify("test\0", stored));
        Assert.False(_hasher.Verify("test\0anything", stored));
    }
}
