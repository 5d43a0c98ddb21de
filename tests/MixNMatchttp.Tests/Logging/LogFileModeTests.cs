using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

/// <summary>Changes the process's umask for a moment, so it runs alone: another test creating a file meanwhile would
/// get the restrictive mask.</summary>
[Collection(RunsAlone.Name)]
public sealed partial class LogFileModeTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task NewFile_IsReadableByItsOwnerOnly_EvenUnderAUmaskThatDropsTheOwnersWriteBit()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "secret.log");
        LogFile log;
        var previous = Umask(0b010_111_111); // 0277: new files would be r-------- at best
        try
        {
            log = new LogFile(path);
        }
        finally
        {
            _ = Umask(previous);
        }

        await using (log)
        {
            await log.WriteLineAsync("token=abc");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["token=abc"], LogFileTests.ReadLines(path));
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "umask";
}
