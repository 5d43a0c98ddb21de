using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

public sealed class LogFileTests
{
    [Fact]
    public async Task Lines_AreAppendedInOrder_ToAFileCreatedWithItsDirectory()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "logs", "deeper", "events.log");
        await using (var log = new LogFile(path))
        {
            Assert.Equal(path, log.Path);
            await log.WriteLineAsync("one");
            log.WriteLine("two");
            await log.WriteLineAsync("three é");
        }

        await using (var again = new LogFile(path))
        {
            await again.WriteLineAsync("four");
        }

        Assert.Equal("one\ntwo\nthree é\nfour\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task FlushAsync_CompletesOnceEveryEarlierLineIsInTheFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "events.log");
        await using var log = new LogFile(path);
        for (var i = 0; i < 100; i++)
        {
            await log.WriteLineAsync($"line {i}");
        }

        await log.FlushAsync();

        Assert.Equal(100, ReadLines(path).Length);
    }

    [Fact]
    public async Task LinesWrittenAfterDispose_AreIgnored_WithoutAnError()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "events.log");
        var log = new LogFile(path);
        await log.WriteLineAsync("kept");
        await log.DisposeAsync();

        await log.WriteLineAsync("ignored");
        log.WriteLine("ignored too");
        await log.FlushAsync();
        await log.DisposeAsync();

        Assert.Equal(["kept"], ReadLines(path));
    }

    [Fact]
    public async Task ABurstFromManyTasks_LosesNothing_WhenTheQueueIsFull()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "burst.log");
        await using (var log = new LogFile(path, rotation: null, logger: null, timeProvider: null, capacity: 8))
        {
            await Task.WhenAll(Enumerable.Range(0, 32).Select(task => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    if (i % 2 == 0)
                    {
                        await log.WriteLineAsync($"{task}:{i}");
                    }
                    else
                    {
                        log.WriteLine($"{task}:{i}");
                    }
                }
            })));
        }

        var lines = ReadLines(path);
        Assert.Equal(3200, lines.Length);
        foreach (var task in Enumerable.Range(0, 32))
        {
            // each writer's lines keep its order
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{task}:{i}"), lines.Where(line => line.StartsWith($"{task}:", StringComparison.Ordinal)));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ExistingFile_KeepsItsMode()
    {
        using var dir = new TempDirectory();
        var path = dir.File("shared.log", "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await using (var log = new LogFile(path))
        {
            await log.WriteLineAsync("new");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(["old", "new"], ReadLines(path));
    }

    [Fact]
    public async Task SizeRotation_StartsANewFileBeforeALineWouldPassMaxBytes_AndKeepsTheNewestOldFiles()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        await using (var log = new LogFile(path, new LogRotation { MaxBytes = 100, Keep = 2 }))
        {
            for (var i = 1; i <= 10; i++)
            {
                await log.WriteLineAsync($"line {i:00} " + new string('x', 22)); // 30 bytes + line feed: 3 lines a file
            }
        }

        Assert.Equal([10], Numbers(ReadLines(path)));
        Assert.Equal([7, 8, 9], Numbers(ReadLines(path + ".1")));
        Assert.Equal([4, 5, 6], Numbers(ReadLines(path + ".2")));
        Assert.False(File.Exists(path + ".3"));
        Assert.All([path, path + ".1", path + ".2"], file => Assert.True(new FileInfo(file).Length <= 100));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task RotatedFiles_StayOwnerOnly_AndTheNewFileIsOwnerOnlyToo()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        await using (var log = new LogFile(path, new LogRotation { MaxBytes = 10 }))
        {
            await log.WriteLineAsync("first line");
            await log.WriteLineAsync("second line");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + ".1"));
    }

    [Fact]
    public async Task ALineLongerThanMaxBytes_GetsAFileOfItsOwn()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        var longLine = new string('y', 50);
        await using (var log = new LogFile(path, new LogRotation { MaxBytes = 20 }))
        {
            await log.WriteLineAsync("short");
            await log.WriteLineAsync(longLine);
            await log.WriteLineAsync("after");
        }

        Assert.Equal(["after"], ReadLines(path));
        Assert.Equal([longLine], ReadLines(path + ".1"));
        Assert.Equal(["short"], ReadLines(path + ".2"));
    }

    [Fact]
    public async Task KeepZero_StartsTheFileOver()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        await using (var log = new LogFile(path, new LogRotation { MaxBytes = 8, Keep = 0 }))
        {
            await log.WriteLineAsync("one");
            await log.WriteLineAsync("two");
            await log.WriteLineAsync("three");
        }

        Assert.Equal(["three"], ReadLines(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task DailyRotation_StartsANewFileWithTheFirstLineAfterUtcMidnight()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 23, 59, 58, TimeSpan.Zero));
        await using (var log = new LogFile(path, new LogRotation { Daily = true }, logger: null, clock))
        {
            await log.WriteLineAsync("new year's eve");
            await log.FlushAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
            await log.WriteLineAsync("still the old year");
            await log.FlushAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
            await log.WriteLineAsync("new year's day");
            await log.FlushAsync();
            clock.Advance(TimeSpan.FromDays(1));
            await log.WriteLineAsync("the day after");
        }

        Assert.Equal(["the day after"], ReadLines(path));
        Assert.Equal(["new year's day"], ReadLines(path + ".1"));
        Assert.Equal(["new year's eve", "still the old year"], ReadLines(path + ".2"));
    }

    [Fact]
    public async Task DailyRotation_SkipsADayWithoutLines_AndNeverRotatesAnEmptyFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "access.log");
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using (var log = new LogFile(path, new LogRotation { Daily = true }, logger: null, clock))
        {
            clock.Advance(TimeSpan.FromDays(3));
            await log.WriteLineAsync("first");
        }

        Assert.Equal(["first"], ReadLines(path));
        Assert.False(File.Exists(path + ".1"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task DailyRotation_StartsANewFileAtOpening_WhenTheFileWasLastWrittenOnAnEarlierDay(int today, bool rotated)
    {
        using var dir = new TempDirectory();
        var path = dir.File("access.log", "yesterday\n");
        File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 1, 23, 0, 0, DateTimeKind.Utc));
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, today, 1, 0, 0, TimeSpan.Zero));
        await using (var log = new LogFile(path, new LogRotation { Daily = true }, logger: null, clock))
        {
            await log.WriteLineAsync("today");
        }

        if (rotated)
        {
            Assert.Equal(["today"], ReadLines(path));
            Assert.Equal(["yesterday"], ReadLines(path + ".1"));
        }
        else
        {
            Assert.Equal(["yesterday", "today"], ReadLines(path));
        }
    }

    [Theory]
    [InlineData(0L, 5, "LogRotation.MaxBytes must be positive, not 0.")]
    [InlineData(null, -1, "LogRotation.Keep must be 0 to 1000, not -1.")]
    [InlineData(null, 1001, "LogRotation.Keep must be 0 to 1000, not 1001.")]
    public void UnusableRotation_IsRefused(long? maxBytes, int keep, string message)
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => new LogFile(Path.Join(dir.Path, "a.log"), new LogRotation { MaxBytes = maxBytes, Keep = keep }));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void APathThatCannotBeAFile_ThrowsWhenOpened()
    {
        using var dir = new TempDirectory();
        var file = dir.File("a-file", "not a directory");
        Assert.ThrowsAny<IOException>(() => new LogFile(Path.Join(file, "events.log")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task AFullDisk_IsReportedOnce_AndNeitherThrowsNorStopsTheWriter()
    {
        var log = new TestLog();
        var logger = log.CreateLogger("MixNMatchttp.Logging.LogFile");
        await using (var full = new LogFile("/dev/full", rotation: null, logger))
        {
            for (var i = 0; i < 3; i++)
            {
                await full.WriteLineAsync($"line {i}");
                await full.FlushAsync();
            }
        }

        var failure = Assert.Single(await EventuallyAsync(log, entries => entries.Count >= 1));
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal("Could not write to /dev/full: its lines are lost until writing works again", failure.Message);
        Assert.IsType<IOException>(failure.Exception, exactMatch: false);
    }

    internal static string[] ReadLines(string path)
    {
        var text = File.ReadAllText(path);
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "the file ends with a whole line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The entries of <paramref name="log"/> once <paramref name="done"/> says they are all there (reports are
    /// logged from another thread), or after a few seconds.</summary>
    internal static async Task<IReadOnlyCollection<(LogLevel Level, string Category, string Message, Exception? Exception)>> EventuallyAsync(
        TestLog log, Func<IReadOnlyCollection<(LogLevel Level, string Category, string Message, Exception? Exception)>, bool> done)
    {
        for (var i = 0; i < 100 && !done(log.Entries); i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(100); // and nothing more comes
        return log.Entries;
    }

    private static int[] Numbers(string[] lines) => [.. lines.Select(line => int.Parse(line.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture))];
}
