namespace MixNMatchttp.Auth.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly AuthUser Alice = new("alice", ["admin", "staff"]);
    private static readonly AuthUser Bob = new("bob", ["staff"]);
    private static readonly AuthUser Carol = new("carol", []);

    private static AccessDecision Decide(IReadOnlyList<string?> access, AuthUser? user, string method = "GET", string path = "/x")
    {
        var options = new AuthOptions();
        options.AccessRules.Add(new AccessRule("^GET /x", access));
        return AccessPolicy.Compile(options).Decide(method, path, user);
    }

    [Fact]
    public void Null_AllowsAnyone() => Assert.Equal(AccessDecision.Allow, Decide([null, "!alice"], null));

    [Fact]
    public void Unauthenticated_IsAskedToLogIn() => Assert.Equal(AccessDecision.NeedsLogin, Decide(["*"], null));

    [Fact]
    public void NegatedUser_IsDenied_EvenIfAllowedByNameOrRoleOrStar() =>
        Assert.Equal(AccessDecision.Forbidden, Decide(["!alice", "alice", "#admin", "*"], Alice));

    [Fact]
    public void User_IsAllowed_EvenIfARoleIsNegated() => Assert.Equal(AccessDecision.Allow, Decide(["alice", "!#admin"], Alice));

    [Fact]
    public void NegatedRole_IsDenied_EvenIfAnotherRoleOrStarAllows() => Assert.Equal(AccessDecision.Forbidden, Decide(["!#staff", "#admin", "*"], Alice));

    [Fact]
    public void Role_IsAllowed() => Assert.Equal(AccessDecision.Allow, Decide(["#staff"], Bob));

    [Fact]
    public void Star_AllowsAnyAuthenticatedUser() => Assert.Equal(AccessDecision.Allow, Decide(["*"], Carol));

    [Fact]
    public void NothingMatchingTheUser_IsDenied() => Assert.Equal(AccessDecision.Forbidden, Decide(["alice", "#admin"], Carol));

    [Fact]
    public void NoRuleMatching_IsAllowed()
    {
        Assert.Equal(AccessDecision.Allow, Decide(["alice"], null, "POST"));
        Assert.Equal(AccessDecision.Allow, Decide(["alice"], null, path: "/y"));
    }

    [Fact]
    public void FirstMatchingRule_Decides()
    {
        var options = new AuthOptions();
        options.AccessRules.Add(new AccessRule("^GET /admin/public", [null]));
        options.AccessRules.Add(new AccessRule("^[A-Z]+ /admin", ["#admin"]));
        var policy = AccessPolicy.Compile(options);
        Assert.Equal(AccessDecision.Allow, policy.Decide("GET", "/admin/public/x", null));
        Assert.Equal(AccessDecision.NeedsLogin, policy.Decide("GET", "/admin/x", null));
        Assert.Equal(AccessDecision.Forbidden, policy.Decide("POST", "/admin/x", Bob));
        Assert.Equal(AccessDecision.Allow, policy.Decide("POST", "/admin/x", Alice));
    }

    [Theory]
    [InlineData("/secret", "/secret", true)]
    [InlineData("/secret", "/secret/file.txt", true)]
    [InlineData("/secret", "/SECRET/x", true)]
    [InlineData("/secret", "/secretx", false)]
    [InlineData("/secret", "/a/secret", false)]
    [InlineData("secret", "/a/secret", true)]
    [InlineData("secret", "/a/secret/b", true)]
    [InlineData("secret", "/a/xsecret", false)]
    [InlineData("secret", "/a/secret.txt", false)]
    [InlineData("a/secret", "/x/a/secret/y", true)]
    [InlineData("secret.txt", "/docs/secret.txt", true)]
    public void ProtectedPathList_MatchesAtComponentBoundaries(string protectedPath, string path, bool isProtected)
    {
        var options = new AuthOptions();
        options.ProtectedPaths.Add(protectedPath);
        var policy = AccessPolicy.Compile(options);
        Assert.Equal(isProtected ? AccessDecision.NeedsLogin : AccessDecision.Allow, policy.Decide("GET", path, null));
        Assert.Equal(AccessDecision.Allow, policy.Decide("GET", path, Carol));
    }

    [Fact]
    public void InvalidRulePattern_IsAStartupError()
    {
        var options = new AuthOptions();
        options.AccessRules.Add(new AccessRule("([", ["*"]));
        Assert.Throws<MixConfigurationException>(() => AccessPolicy.Compile(options));
    }

    [Fact]
    public void EmptyProtectedPath_IsAStartupError()
    {
        var options = new AuthOptions();
        options.ProtectedPaths.Add("/");
        Assert.Throws<MixConfigurationException>(() => AccessPolicy.Compile(options));
    }
}
