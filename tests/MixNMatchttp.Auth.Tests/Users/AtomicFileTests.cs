namespace MixNMatchttp.Auth.Tests.Users;

/// <summary>The users file is replaced through a temporary file renamed over it: never half-written, permissions kept,
/// new files 0600, the original intact when the write fails.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileTests
{
    [Fact]
    public void AFailureBeforeTheRename_LeavesTheOriginalIntact_AndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", "old content\n");

        Assert.Throws<IOException>(() => AtomicFile.Write(file, "new content\n", temp =>
        {
            Assert.Equal("new content\n", File.ReadAllText(temp));
            throw new IOException("disk full");
        }));

        Assert.Equal("old content\n", File.ReadAllText(file));
        Assert.Equal(["users.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AnExistingFile_KeepsItsPermissions_AndANewOneIs0600()
    {
        using var dir = new TempDirectory();
        var file = dir.File("users.txt", "old\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);

        AtomicFile.Write(file, "new\n");
        var created = Path.Join(dir.Path, "new.txt");
        AtomicFile.Write(created, "created\n");

        Assert.Equal("new\n", File.ReadAllText(file));
        Assert.Equal(mode, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(created));
    }

    [Fact]
    public void ASymbolicLink_IsFollowed_AndStaysALink()
    {
        using var dir = new TempDirectory();
        var target = dir.File("real/users.txt", "old\n");
        var link = Path.Join(dir.Path, "users.txt");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, "new\n");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new\n", File.ReadAllText(target));
    }

    [Fact]
    public async Task AConcurrentReader_NeverSeesAPartialFile()
    {
        using var dir = new TempDirectory();
        string[] versions = [new string('a', 1 << 20), new string('b', 1 << 20)];
        var file = dir.File("users.txt", versions[0]);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = File.ReadAllText(file);
                Assert.Contains(text, versions);
                Interlocked.Increment(ref reads);
            }
        });

        // At least 40 writes, and as many as it takes for the reader to read 40 times meanwhile.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var i = 0; (i < 40 || Volatile.Read(ref reads) < 40) && DateTime.UtcNow < deadline && !reader.IsCompleted; i++)
        {
            AtomicFile.Write(file, versions[i % 2]);
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(reads >= 40);
    }
}
