using System.Globalization;
using System.Text.RegularExpressions;

namespace MixNMatchttp.Cli.Tests;

/// <summary>The original's actions on a daemon: start --daemon, status, stop, restart, with a locked pid file.</summary>
public sealed partial class DaemonTests
{
    [Fact]
    public async Task Daemon_DetachesAndServes_StatusSeesIt_StopEndsIt()
    {
        using var dir = new TempDirectory();
        dir.File("hello.txt", "hello");
        var pidFile = Path.Join(dir.Path, "run", "server.pid");
        try
        {
            var (code, output, errors) = await CliProcess.RunAsync(dir.Path, "-d", "-p", "0", "-P", pidFile);
            Assert.True(code == 0, errors);
            var url = UrlLine().Match(output);
            Assert.True(url.Success, output);
            using var client = new HttpClient { BaseAddress = new Uri(url.Value) };
            Assert.Equal("hello", await client.GetStringAsync("/hello.txt"));

            var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
            var status = await CliProcess.RunAsync(dir.Path, "status", "-P", pidFile);
            Assert.Equal(0, status.ExitCode);
            Assert.Contains($"running (pid {pid})", status.Output, StringComparison.Ordinal);

            var second = await CliProcess.RunAsync(dir.Path, "-d", "-p", "0", "-P", pidFile);
            Assert.Equal(1, second.ExitCode);
            Assert.Equal($"mixnmatchttp: error: already running (pid {pid}, pid file {pidFile})", second.Errors.Trim());

            var stop = await CliProcess.RunAsync(dir.Path, "stop", "-P", pidFile);
            Assert.Equal(0, stop.ExitCode);
            Assert.Contains($"stopped (pid {pid})", stop.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(pidFile));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("/hello.txt"));

            var after = await CliProcess.RunAsync(dir.Path, "status", "-P", pidFile);
            Assert.Equal(1, after.ExitCode);
            Assert.Contains("not running", after.Output, StringComparison.Ordinal);
        }
        finally
        {
            await CliProcess.RunAsync(dir.Path, "stop", "-P", pidFile);
        }
    }

    [Fact]
    public async Task Restart_StopsTheRunningDaemon_AndStartsANewOne()
    {
        using var dir = new TempDirectory();
        var pidFile = Path.Join(dir.Path, "server.pid");
        try
        {
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "-d", "-p", "0", "-P", pidFile)).ExitCode);
            var first = File.ReadAllText(pidFile).Trim();
            var restart = await CliProcess.RunAsync(dir.Path, "restart", "-p", "0", "-P", pidFile);
            Assert.True(restart.ExitCode == 0, restart.Errors);
            Assert.Contains($"stopped (pid {first})", restart.Output, StringComparison.Ordinal);
            var second = File.ReadAllText(pidFile).Trim();
            Assert.NotEqual(first, second);
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "status", "-P", pidFile)).ExitCode);
        }
        finally
        {
            await CliProcess.RunAsync(dir.Path, "stop", "-P", pidFile);
        }
    }

    [Fact]
    public async Task WithoutPidfile_TheDefaultInXdgRuntimeDir_ServesStartStatusRestartAndStop()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = dir.Path, ["XDG_STATE_HOME"] = dir.Path };
        var pidFile = Path.Join(dir.Path, "mixnmatchttp.pid");
        try
        {
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "start", "-d", "-p", "0")).ExitCode);
            Assert.True(File.Exists(pidFile));
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "status")).ExitCode);
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "restart", "-p", "0")).ExitCode);
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "status")).ExitCode);
            Assert.True(File.Exists(Path.Join(dir.Path, "mixnmatchttp", "event.log")), "a daemon logs to $XDG_STATE_HOME/mixnmatchttp");
        }
        finally
        {
            Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, null, environment, "stop")).ExitCode);
        }

        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public async Task Status_WithAPidFileNobodyHolds_Exits3_AndRemovesIt()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("stale.pid", "999999\n");
        var status = await CliProcess.RunAsync(dir.Path, "status", "-P", pidFile);
        Assert.Equal(3, status.ExitCode);
        Assert.Contains("stale pid file", status.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public async Task Stop_WhenNothingRuns_SaysSo_AndExits0()
    {
        using var dir = new TempDirectory();
        var stop = await CliProcess.RunAsync(dir.Path, "stop", "-P", Path.Join(dir.Path, "none.pid"));
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("not running", stop.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_ThatCannotStart_ReportsTheErrorAndExitCode()
    {
        using var dir = new TempDirectory();
        var (code, _, errors) = await CliProcess.RunAsync(dir.Path, "-d", "-p", "0", "-P", Path.Join(dir.Path, "x.pid"), "--root", "missing");
        Assert.Equal(2, code);
        Assert.Equal("mixnmatchttp: error: --root: 'missing' is not a directory", errors.Trim());
    }

    [Fact]
    public async Task Foreground_WithAPidFile_WritesAndRemovesIt()
    {
        using var dir = new TempDirectory();
        var pidFile = Path.Join(dir.Path, "fg.pid");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "-P", pidFile);
        Assert.Equal(cli.Id.ToString(CultureInfo.InvariantCulture), File.ReadAllText(pidFile).Trim());
        Assert.Equal(0, await cli.StopAsync());
        Assert.False(File.Exists(pidFile));
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex UrlLine();
}
