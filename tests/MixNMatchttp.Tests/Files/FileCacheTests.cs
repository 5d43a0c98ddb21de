using System.Diagnostics;
using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Files;

/// <summary>The static-file memory cache: least recently used files are evicted to stay within a byte budget and an
/// entry limit, vanished files are dropped, and entries are keyed by the resolved path and the file's identity.</summary>
public sealed class FileCacheTests
{
    private static readonly DateTime FixedTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public async Task ManyFilesBeyondTheBudget_AreAllServedCorrectly_AndTheCacheStaysWithinItsBudget()
    {
        using var dir = new TempDirectory();
        var contents = Enumerable.Range(0, 40).Select(_ => StaticFilesHost.RandomBytes(1000)).ToArray();
        for (var i = 0; i < contents.Length; i++)
        {
            dir.File($"f{i}.bin", contents[i]);
        }

        var files = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, MemoryCacheCapacity = 10_000, MemoryCacheMaxFileSize = 4000 });
        await using var host = await TestHost.StartAsync(files);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < contents.Length; i++)
            {
                var response = await host.GetRawAsync($"/f{i}.bin");
                Assert.Equal(contents[i], response.Body);
                Assert.InRange(files.MemoryCache.Bytes, 0, 10_000);
            }
        }

        Assert.Equal(10, files.MemoryCache.Count);
        Assert.Equal(10_000, files.MemoryCache.Bytes);
        Assert.True(files.MemoryCache.Contains(Path.Join(files.Root, "f39.bin")), "the file served last is cached");
        Assert.False(files.MemoryCache.Contains(Path.Join(files.Root, "f29.bin")), "the least recently used files were evicted");
    }

    [Fact]
    public async Task ManyEmptyFiles_AreHeldUpToTheEntryLimit()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 20; i++)
        {
            dir.File($"e{i}.txt", string.Empty);
        }

        var files = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, MemoryCacheMaxEntries = 5 });
        await using var host = await TestHost.StartAsync(files);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await host.GetRawAsync($"/e{i}.txt")).Status);
            Assert.InRange(files.MemoryCache.Count, 1, 5);
        }

        Assert.True(files.MemoryCache.Contains(Path.Join(files.Root, "e19.txt")));
    }

    [Fact]
    public async Task RecentlyUsedFile_SurvivesEviction()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 4; i++)
        {
            dir.File($"f{i}.txt", new string((char)('a' + i), 100));
        }

        var files = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, MemoryCacheCapacity = 300 });
        await using var host = await TestHost.StartAsync(files);

        await host.GetRawAsync("/f0.txt");
        await host.GetRawAsync("/f1.txt");
        await host.GetRawAsync("/f2.txt");
        await host.GetRawAsync("/f0.txt");
        await host.GetRawAsync("/f3.txt");

        Assert.True(files.MemoryCache.Contains(Path.Join(files.Root, "f0.txt")));
        Assert.False(files.MemoryCache.Contains(Path.Join(files.Root, "f1.txt")));
        Assert.Equal(300, files.MemoryCache.Bytes);
    }

    [Fact]
    public async Task DeletedFile_Is404_AndItsBytesAreReleased()
    {
        using var dir = new TempDirectory();
        var path = dir.File("gone.txt", "soon gone");
        var files = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path });
        await using var host = await TestHost.StartAsync(files);

        var before = await host.GetRawAsync("/gone.txt");
        var held = files.MemoryCache.Bytes;
        File.Delete(path);
        var after = await host.GetRawAsync("/gone.txt");

        Assert.Equal(200, before.Status);
        Assert.Equal(9, held);
        Assert.Equal(404, after.Status);
        Assert.Equal(0, files.MemoryCache.Bytes);
        Assert.Equal(0, files.MemoryCache.Count);
    }

    [Fact]
    public async Task ChangedFile_ReplacesItsEntry_WithoutCountingItTwice()
    {
        using var dir = new TempDirectory();
        var path = dir.File("page.txt", "version one");
        var files = StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path });
        await using var host = await TestHost.StartAsync(files);

        await host.GetRawAsync("/page.txt");
        await File.WriteAllTextAsync(path, "version two, longer");
        var response = await host.GetRawAsync("/page.txt");

        Assert.Equal("version two, longer", response.Text);
        Assert.Equal(1, files.MemoryCache.Count);
        Assert.Equal(19, files.MemoryCache.Bytes);
    }

    [Fact]
    public async Task RetargetedFileSymlink_ServesTheNewTargetsContent()
    {
        using var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("a.txt", "AAAA"), FixedTime);
        File.SetLastWriteTimeUtc(dir.File("b.txt", "BBBB"), FixedTime);
        File.CreateSymbolicLink(Path.Join(dir.Path, "link.txt"), "a.txt");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var first = await host.GetRawAsync("/link.txt");
        var cached = await host.GetRawAsync("/link.txt");
        Retarget(Path.Join(dir.Path, "link.txt"), "b.txt");
        var second = await host.GetRawAsync("/link.txt");

        Assert.Equal("AAAA", first.Text);
        Assert.Equal("AAAA", cached.Text);
        Assert.Equal("BBBB", second.Text);
        Assert.NotEqual(first.Header("ETag"), second.Header("ETag"));
    }

    [Fact]
    public async Task RetargetedDirectorySymlink_ServesTheNewTargetsFiles()
    {
        using var dir = new TempDirectory();
        File.SetLastWriteTimeUtc(dir.File("v1/app.js", "one"), FixedTime);
        File.SetLastWriteTimeUtc(dir.File("v2/app.js", "two"), FixedTime);
        Directory.CreateSymbolicLink(Path.Join(dir.Path, "current"), "v1");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var first = await host.GetRawAsync("/current/app.js");
        Retarget(Path.Join(dir.Path, "current"), "v2");
        var second = await host.GetRawAsync("/current/app.js");

        Assert.Equal("one", first.Text);
        Assert.Equal("two", second.Text);
    }

    [Fact]
    public async Task FileReplacedByAnotherWithTheSameLengthAndTime_IsServedFresh()
    {
        using var dir = new TempDirectory();
        var path = dir.File("page.txt", "AAAA");
        File.SetLastWriteTimeUtc(path, FixedTime);
        File.SetLastWriteTimeUtc(dir.File("next.txt", "BBBB"), FixedTime);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var first = await host.GetRawAsync("/page.txt");
        File.Move(Path.Join(dir.Path, "next.txt"), path, overwrite: true);
        var second = await host.GetRawAsync("/page.txt");

        Assert.Equal("AAAA", first.Text);
        Assert.Equal("BBBB", second.Text);
    }

    [Theory]
    [InlineData(-1L, 10)]
    [InlineData(1024L, -1)]
    public void NegativeCacheLimits_AreAStartupError(long capacity, int entries)
    {
        using var dir = new TempDirectory();
        var server = MixServer.Create(new MixServerOptions { Port = 0 })
            .Add(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, MemoryCacheCapacity = capacity, MemoryCacheMaxEntries = entries }));

        var error = Assert.Throws<MixConfigurationException>(() => server.Build());

        Assert.StartsWith("StaticFilesOptions.MemoryCache", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Points the link elsewhere as <c>ln -sfn</c> does (one rename, so no request sees it missing).</summary>
    private static void Retarget(string link, string target)
    {
        using var process = Process.Start(new ProcessStartInfo("ln", ["-sfn", target, link]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
