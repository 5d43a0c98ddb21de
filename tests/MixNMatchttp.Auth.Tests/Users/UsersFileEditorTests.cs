using System.Text;
using System.Text.RegularExpressions;
using MixNMatchttp.Auth.Tests.Passwords;

namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>The users-file editor of the command-line tool: lists, adds, removes, changes passwords and roles on real
/// files, keeps every other line as it was, saves atomically (0600 for a new file, permissions kept), and refuses bad
/// input with a one-line reason, changing nothing.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UsersFileEditorTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly PasswordHasher Hasher = new(TestOptions.Cheap());

    private static UsersFileEditor Open(string path, bool hashed = true) => UsersFileEditor.Open(path, hashed, Hasher);

    /// <summary>The password field of <paramref name="username"/>'s line (between the first ':' and the next ':' or the end).</summary>
    private static string FieldOf(string path, string username) =>
        File.ReadAllLines(path).Single(l => l.StartsWith(username + ":", StringComparison.Ordinal)).Split(':')[1];

    private static void AssertOneLine(UsersFileException refused)
    {
        Assert.DoesNotContain(refused.Message, c => char.IsControl(c));
        Assert.InRange(refused.Message.Length, 10, 300);
    }

    [Fact]
    public void AMissingFile_IsEmpty_AndSaveCreatesIt0600()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = Open(path);
        Assert.Empty(editor.Users);
        Assert.False(File.Exists(path));

        Assert.Null(editor.Add("alice", "Al1ce!Passw0rd", ["admin", "staff"], PasswordHashType.Argon2id));
        editor.Save();

        Assert.Matches(@"^alice:\$argon2id\$v=19\$m=64,t=1,p=1\$[^:\n]+:admin,staff\n$", File.ReadAllText(path));
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
        Assert.True(Hasher.Verify("Al1ce!Passw0rd", FieldOf(path, "alice")));
    }

    [Fact]
    public void AnExistingFile_KeepsItsPermissions()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:$1$saltsalt$DU0LtLxW1Jyh1BNt7Ay2M.\n");
        var mode = Mode0600 | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        var editor = Open(path);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Md5Crypt);
        editor.Save();

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(["bob", "carol"], Open(path).Users.Select(u => u.Username));
    }

    [Fact]
    public void Users_ListNamesRolesAndHashTypes_AndProblemsGiveTheLinesThatDoNotParse()
    {
        using var dir = new TempDirectory();
        var md5Crypt = Hasher.Hash("x", PasswordHashType.Md5Crypt);
        var path = dir.File("users.txt", $"# staff\nalice:Al1ce!Passw0rd:admin, staff\nnot a user line\nbob:{{hash}}{md5Crypt}\ncarol:{{hash}}garbage:dev\nalice:again\n");

        var editor = Open(path, hashed: false);

        Assert.Equal(
            [new UsersFileEntry("alice", ["admin", "staff"], PasswordHashType.Plaintext, 2), new("bob", [], PasswordHashType.Md5Crypt, 4), new("carol", ["dev"], null, 5)],
            editor.Users,
            (a, b) => a.Username == b.Username && a.Roles.SequenceEqual(b.Roles) && a.HashType == b.HashType && a.Line == b.Line);
        Assert.Equal([$"{path}:3: expected 'username:password[:roles]'", $"{path}:6: 'alice' is listed twice; the first line counts"], editor.Problems);
    }

    [Fact]
    public void ToRecords_KeepsHashes_HashesPlaintextPasswords_AndLeavesOutUnsupportedHashes()
    {
        using var dir = new TempDirectory();
        var md5Crypt = Hasher.Hash("x", PasswordHashType.Md5Crypt);
        var path = dir.File("users.txt", $"# staff\nalice:Al1ce!Passw0rd:admin, staff\nbob:{{hash}}{md5Crypt}\ncarol:{{hash}}garbage:dev\n");

        var records = Open(path, hashed: false).ToRecords();

        Assert.Equal(["alice", "bob"], records.Select(r => r.Username));
        Assert.Equal(["admin", "staff"], records[0].Roles);
        Assert.True(Hasher.Verify("Al1ce!Passw0rd", records[0].PasswordHash));
        Assert.NotEqual("Al1ce!Passw0rd", records[0].PasswordHash);
        Assert.Equal(md5Crypt, records[1].PasswordHash);
        Assert.Empty(records[1].Roles);
    }

    [Fact]
    public void Edits_KeepCommentsAndUnparsableLines_InOrder_ByteForByte()
    {
        using var dir = new TempDirectory();
        const string Before = "# users of the lab\n\nalice:Al1ce!Passw0rd:admin, staff\n  # indented comment\nthis line does not parse\nbob:B0b!Passw0rd\ndave:D4ve!Passw0rd:dev\n# end\n";
        var path = dir.File("users.txt", Before);

        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", ["dev"], PasswordHashType.Plaintext);
        editor.ChangePassword("bob", "N3w!B0bPassw0rd", PasswordHashType.Plaintext);
        editor.SetRoles("alice", ["admin"]);
        editor.Remove("dave");
        editor.Save();

        Assert.Equal(
            "# users of the lab\n\nalice:Al1ce!Passw0rd:admin\n  # indented comment\nthis line does not parse\nbob:N3w!B0bPassw0rd\n# end\ncarol:C4rol!Passw0rd:dev\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void CrlfLineEndings_AndAByteOrderMark_AreKept()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", [.. "\uFEFF# users\r\nbob:B0b!Passw0rd\r\n"u8]);

        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);
        editor.Save();

        Assert.Equal("\uFEFF# users\r\nbob:B0b!Passw0rd\r\ncarol:C4rol!Passw0rd\r\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void AFileWithoutAFinalNewline_GetsTheNewUserOnALineOfItsOwn()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:B0b!Passw0rd");

        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);
        editor.Save();

        Assert.Equal("bob:B0b!Passw0rd\ncarol:C4rol!Passw0rd\n", File.ReadAllText(path));
    }

    [Fact]
    public void ChangePassword_KeepsTheRolesAsWritten_AndTheNewHashVerifies()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", $"bob:{Hasher.Hash("B0b!Passw0rd", PasswordHashType.Sha1)}:staff, dev\n");

        var editor = Open(path);
        Assert.Null(editor.ChangePassword("bob", "N3w!B0bPassw0rd", PasswordHashType.Sha512Crypt));
        editor.Save();

        Assert.EndsWith(":staff, dev", File.ReadAllLines(path)[0], StringComparison.Ordinal);
        Assert.Equal(PasswordHashType.Sha512Crypt, Open(path).Users[0].HashType);
        Assert.True(Hasher.Verify("N3w!B0bPassw0rd", FieldOf(path, "bob")));
        Assert.False(Hasher.Verify("B0b!Passw0rd", FieldOf(path, "bob")));
    }

    [Theory]
    [InlineData(PasswordHashType.Argon2id, @"^\{hash\}\$argon2id\$")]
    [InlineData(PasswordHashType.Md5, "^{hash}[0-9a-f]{32}$")]
    [InlineData(PasswordHashType.Plaintext, "^P4ss!Passw0rd$")]
    public void InAPlaintextFile_AHashIsWrittenAfterTheHashPrefix_AndAPlaintextPasswordAsItIs(PasswordHashType type, string field)
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");

        var editor = Open(path, hashed: false);
        editor.Add("bob", "P4ss!Passw0rd", null, type);
        editor.Save();

        Assert.Matches(new Regex(field), FieldOf(path, "bob"));
        Assert.Equal(type, Open(path, hashed: false).Users[0].HashType);
    }

    [Fact]
    public void APlaintextPasswordWithAColon_IsFollowedByAColon_SoTheFileStillParses()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");

        var editor = Open(path, hashed: false);
        editor.Add("bob", "pass:w0rd:", null, PasswordHashType.Plaintext);
        editor.Add("carol", "C4rol:Passw0rd", ["dev"], PasswordHashType.Plaintext);
        editor.Save();

        Assert.Equal("bob:pass:w0rd::\ncarol:C4rol:Passw0rd:dev\n", File.ReadAllText(path));
        var (users, errors) = UsersFile.Parse(path, File.ReadAllLines(path));
        Assert.Empty(errors);
        Assert.Equal(["pass:w0rd:", "C4rol:Passw0rd"], users.Select(u => u.Password));
    }

    [Fact]
    public void WithoutAPassword_ARandomOneIsGenerated_Returned_AndStored()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");

        var editor = Open(path);
        var first = editor.Add("alice", null, null, PasswordHashType.Bcrypt);
        var second = editor.ChangePassword("alice", null, PasswordHashType.Bcrypt);
        editor.Save();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(RandomPassword.Length, second.Length);
        Assert.True(Hasher.Verify(second, FieldOf(path, "alice")));
        Assert.Null(new PasswordPolicy().Check(second));
    }

    [Fact]
    public void RandomPasswords_AreLongUnique_AndNeverHoldAColonOrASpace()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => RandomPassword.Create()).ToList();

        Assert.Equal(200, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(20, p.Length);
            Assert.Matches("^[A-Za-z0-9._-]+$", p);
            Assert.Matches("[a-z]", p);
            Assert.Matches("[A-Z]", p);
            Assert.Matches("[0-9]", p);
            Assert.Matches("[._-]", p);
        });
    }

    [Fact]
    public void ADuplicate_AnUnknownUser_AndAPlaintextPasswordInAHashedFile_AreRefused_WithOneLineReasons()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "# users\nbob:$1$saltsalt$DU0LtLxW1Jyh1BNt7Ay2M.\n");
        var editor = Open(path);

        (Action Edit, string Reason)[] refusals =
        [
            (() => editor.Add("bob", "B0b!Passw0rd", null, PasswordHashType.Argon2id), $"the user 'bob' already exists (line 2 of {path})"),
            (() => editor.Remove("carol"), $"there is no user 'carol' in {path}"),
            (() => editor.ChangePassword("carol", "C4rol!Passw0rd", PasswordHashType.Argon2id), $"there is no user 'carol' in {path}"),
            (() => editor.SetRoles("carol", ["dev"]), $"there is no user 'carol' in {path}"),
            (() => editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext), $"the users file {path} holds hashes: choose a hash type, not plaintext"),
            (() => editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.WrappedLegacy), "a wrapped legacy hash is made from a legacy hash (WrapLegacyHash), not from a password"),
        ];
        foreach (var (edit, reason) in refusals)
        {
            var refused = Assert.Throws<UsersFileException>(edit);
            Assert.Equal(reason, refused.Message);
            AssertOneLine(refused);
        }

        editor.Save();
        Assert.Equal("# users\nbob:$1$saltsalt$DU0LtLxW1Jyh1BNt7Ay2M.\n", File.ReadAllText(path));
    }

    [Fact]
    public void HostileUserNames_AreRefused_WithAOneLineReason_AndChangeNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:B0b!Passw0rd\n");
        var editor = Open(path, hashed: false);
        string[] hostile =
        [
            string.Empty, "a:b", "a,b", "a b", " bob", "bob\t", "a\nb", "a\r", "a\0b", "a\u001bb", "a\u0085b", "a\u2028b",
            "ad\u200Bmin", "\u202Eevil", "a\uFEFFb", "a\uD800b", "\uDC00", "#admin", "!bob", "*", new string('a', 10 * 1024), new string('é', 65),
        ];

        foreach (var name in hostile)
        {
            foreach (var edit in new Action[]
            {
                () => editor.Add(name, "P4ss!Passw0rd", null, PasswordHashType.Plaintext),
                () => editor.Remove(name),
                () => editor.ChangePassword(name, "P4ss!Passw0rd", PasswordHashType.Plaintext),
                () => editor.SetRoles(name, []),
            })
            {
                var refused = Assert.Throws<UsersFileException>(edit);
                Assert.StartsWith("the user name ", refused.Message, StringComparison.Ordinal);
                AssertOneLine(refused);
            }
        }

        editor.Save();
        Assert.Equal("bob:B0b!Passw0rd\n", File.ReadAllText(path));
    }

    [Fact]
    public void UserNamesInAnyScript_AreAccepted()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = Open(path, hashed: false);

        foreach (var name in new[] { "zoë", "Ōsaka", "用户", "мария", "émile-o'brien", new string('é', 64) })
        {
            editor.Add(name, "P4ss!Passw0rd", null, PasswordHashType.Plaintext);
        }

        editor.Save();
        Assert.Equal(6, Open(path, hashed: false).Users.Count);
        Assert.Empty(Open(path, hashed: false).Problems);
    }

    [Fact]
    public void HostileRolesAndPasswords_AreRefused_WithAOneLineReason()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = Open(path, hashed: false);

        (string? Password, string[] Roles, PasswordHashType Type, string Reason)[] refusals =
        [
            ("P4ss!Passw0rd", ["dev", ""], PasswordHashType.Plaintext, "the role '' may not be empty"),
            ("P4ss!Passw0rd", ["a,b"], PasswordHashType.Plaintext, "the role 'a,b' may not"),
            ("P4ss!Passw0rd", ["a:b"], PasswordHashType.Plaintext, "the role 'a:b' may not"),
            ("P4ss!Passw0rd", ["#admin"], PasswordHashType.Plaintext, "the role '#admin' may not"),
            ("P4ss!Passw0rd", ["dev\nbob:x"], PasswordHashType.Plaintext, @"the role 'dev\x0abob:x' may not"),
            ("P4ss!Passw0rd", ["ad\u200Bmin"], PasswordHashType.Plaintext, "the role 'ad\u200Bmin' may not"),
            ("P4ss!Passw0rd", [new string('r', 10 * 1024)], PasswordHashType.Plaintext, "a role is longer than 64 characters"),
            (string.Empty, [], PasswordHashType.Plaintext, "the password must not be empty"),
            (new string('p', 5000), [], PasswordHashType.Argon2id, "the password must be at most 4096 bytes long"),
            ("P4ss\nbob:x", [], PasswordHashType.Plaintext, "a plaintext password may not contain a line break nor start with '{hash}'"),
            ("P4ss\rword", [], PasswordHashType.Plaintext, "a plaintext password may not contain a line break"),
            ("{hash}P4ss!Passw0rd", [], PasswordHashType.Plaintext, "a plaintext password may not contain a line break nor start with '{hash}'"),
            ("P4ss\0word", [], PasswordHashType.Bcrypt, "the password must not contain a NUL character"),
            ("P4ss\0word", [], PasswordHashType.Sha512Crypt, "the password must not contain a NUL character"),
        ];
        foreach (var (password, roles, type, reason) in refusals)
        {
            var refused = Assert.Throws<UsersFileException>(() => editor.Add("carol", password, roles, type));
            Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
            AssertOneLine(refused);
        }

        Assert.Empty(editor.Users);
    }

    [Fact]
    public void Remove_TakesEveryLineOfTheUser_ThoseThatDoNotParseToo()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:\nalice:Al1ce!Passw0rd\nbob:B0b!Passw0rd:dev\nbob:again\n");

        var editor = Open(path, hashed: false);
        editor.Remove("bob");
        editor.Save();

        Assert.Equal("alice:Al1ce!Passw0rd\n", File.ReadAllText(path));
    }

    [Fact]
    public void RemovingTheOnlyUser_LeavesAnEmptyFile_ThatTakesNewUsers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:B0b!Passw0rd");

        var editor = Open(path, hashed: false);
        editor.Remove("bob");
        editor.Save();
        Assert.Equal(string.Empty, File.ReadAllText(path));

        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);
        editor.Save();
        Assert.Equal("carol:C4rol!Passw0rd\n", File.ReadAllText(path));
    }

    [Fact]
    public void AFileThatCannotBeRead_OrIsNotUtf8_IsAOneLineError()
    {
        using var dir = new TempDirectory();
        var directory = Directory.CreateDirectory(Path.Join(dir.Path, "users.txt")).FullName;
        var binary = dir.File("binary.txt", [0x62, 0x6f, 0x62, 0x3a, 0xff, 0xfe, 0x0a]);

        var unreadable = Assert.Throws<UsersFileException>(() => Open(directory));
        Assert.StartsWith($"cannot read the users file {directory}: ", unreadable.Message, StringComparison.Ordinal);
        AssertOneLine(unreadable);

        var notText = Assert.Throws<UsersFileException>(() => Open(binary));
        Assert.Equal($"cannot read the users file {binary}: it is not UTF-8 text", notText.Message);
    }

    [Fact]
    public void AFailedWrite_LeavesTheOriginalIntact_AndNoTemporaryFile_AndCanBeRetried()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:B0b!Passw0rd\n");
        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);

        editor.BeforeRename = temp =>
        {
            Assert.Equal("bob:B0b!Passw0rd\ncarol:C4rol!Passw0rd\n", File.ReadAllText(temp));
            throw new IOException("No space left on device");
        };
        var refused = Assert.Throws<UsersFileException>(editor.Save);

        Assert.Equal($"cannot write the users file {path}: No space left on device", refused.Message);
        Assert.Equal("bob:B0b!Passw0rd\n", File.ReadAllText(path));
        Assert.Equal(["users.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        editor.BeforeRename = null;
        editor.Save();
        Assert.Equal("bob:B0b!Passw0rd\ncarol:C4rol!Passw0rd\n", File.ReadAllText(path));
    }

    [Fact]
    public void AUsersFileInAReadOnlyPlace_CannotBeWritten_AndStaysAsItWas()
    {
        // /proc refuses new files even to root, whom a read-only directory would not stop.
        using var dir = new TempDirectory();
        var link = Path.Join(dir.Path, "users.txt");
        File.CreateSymbolicLink(link, "/proc/version");
        var before = File.ReadAllText("/proc/version");

        var editor = Open(link, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);
        var refused = Assert.Throws<UsersFileException>(editor.Save);

        Assert.StartsWith($"cannot write the users file {link}: ", refused.Message, StringComparison.Ordinal);
        AssertOneLine(refused);
        Assert.Equal(before, File.ReadAllText("/proc/version"));
        Assert.Equal(["users.txt"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFileChangedSinceItWasRead_IsNotOverwritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("users.txt", "bob:B0b!Passw0rd\n");
        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);

        // Meanwhile the server registers dave.
        File.AppendAllText(path, "dave:{hash}x\n");
        var refused = Assert.Throws<UsersFileException>(editor.Save);

        Assert.Equal($"the users file {path} changed since it was read; nothing was written", refused.Message);
        Assert.Equal("bob:B0b!Passw0rd\ndave:{hash}x\n", File.ReadAllText(path));
    }

    [Fact]
    public void AFileCreatedSinceAMissingOneWasRead_IsNotOverwritten()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "users.txt");
        var editor = Open(path, hashed: false);
        editor.Add("carol", "C4rol!Passw0rd", null, PasswordHashType.Plaintext);

        File.WriteAllText(path, "dave:D4ve!Passw0rd\n");

        Assert.Throws<UsersFileException>(editor.Save);
        Assert.Equal("dave:D4ve!Passw0rd\n", File.ReadAllText(path, Encoding.UTF8));
    }
}
