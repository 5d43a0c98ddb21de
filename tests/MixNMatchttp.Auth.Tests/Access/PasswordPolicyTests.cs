namespace MixNMatchttp.Auth.Tests.Access;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Short1!", "at least 10 characters")]
    [InlineData("alllowercaseletters", "mix at least 3")]
    [InlineData("lowerUPPERonly", "mix at least 3")]
    public void WeakPasswords_AreRefusedWithAReason(string password, string reason) =>
        Assert.Contains(reason, new PasswordPolicy().Check(password), StringComparison.Ordinal);

    [Theory]
    [InlineData("lowerUPPER123")]
    [InlineData("lower123!@#$")]
    [InlineData("Pässwörd ☃ 12")]
    public void StrongPasswords_Pass(string password) => Assert.Null(new PasswordPolicy().Check(password));

    [Fact]
    public void Policy_IsConfigurable()
    {
        var policy = new PasswordPolicy { MinLength = 4, MinCharacterClasses = 1 };
        Assert.Null(policy.Check("abcd"));
        Assert.NotNull(policy.Check("abc"));
    }
}
