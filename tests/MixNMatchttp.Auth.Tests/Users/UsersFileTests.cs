namespace MixNMatchttp.Auth.Tests.Users;

public sealed class UsersFileTests
{
    [Fact]
    public void Lines_GiveUsersPasswordsAndRoles()
    {
        var (users, errors) = UsersFile.Parse("u", ["alice:pw1:admin, staff", "# comment", "", "bob:pw:with:colon:", "carol:pw3"]);
        Assert.Empty(errors);
        Assert.Equal(("alice", "pw1"), (users[0].Username, users[0].Password));
        Assert.Equal(["admin", "staff"], users[0].Roles);
        Assert.Equal(("bob", "pw:with:colon"), (users[1].Username, users[1].Password));
        Assert.Empty(users[1].Roles);
        Assert.Equal(("carol", "pw3"), (users[2].Username, users[2].Password));
    }

    [Fact]
    public void BadLines_AreReportedWithTheirLineNumbers_AndTheRestLoad()
    {
        var (users, errors) = UsersFile.Parse("users.txt", ["nocolon", ":nopassuser", "empty:", "alice:ok", "alice:again", "bad name:pw", "bob:ok"]);
        Assert.Equal(["alice", "bob"], users.Select(u => u.Username));
        Assert.Equal(5, errors.Count);
        Assert.StartsWith("users.txt:1:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("users.txt:2:", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("users.txt:3:", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("users.txt:5:", errors[3], StringComparison.Ordinal);
        Assert.StartsWith("users.txt:6:", errors[4], StringComparison.Ordinal);
    }
}
