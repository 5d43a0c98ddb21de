using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MixNMatchttp.Tests.Samples;

/// <summary>The demo as a user runs it: a separate process with command-line options.</summary>
public sealed partial class DemoProcessTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Join(AppContext.BaseDirectory, "Demo.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    [Fact]
    public async Task Demo_ServesItsRoot_OnTheGivenPort_AndStopsCleanlyOnSigterm()
    {
        using var dir = new TempDirectory();
        dir.File("hello.txt", "hello from the root");
        using var demo = Start("--port", "0", "--root", dir.Path);
        await UseAsync(demo, async client =>
        {
            Assert.Equal("hello from the root", await client.GetStringAsync("/hello.txt"));
            Assert.Equal("foo = bar", await client.GetStringAsync("/parameter/foo/bar"));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
        });
    }

    [Fact]
    public async Task Demo_WithListing_ListsDirectories()
    {
        using var dir = new TempDirectory();
        dir.File("hello.txt", "hello from the root");
        using var demo = Start("--port", "0", "--listing", "--root", dir.Path);
        await UseAsync(demo, async client => Assert.Contains("href=\"hello.txt\"", await client.GetStringAsync("/"), StringComparison.Ordinal));
    }

    /// <summary>Waits for the demo's listening line, runs <paramref name="use"/> against it, then stops it with SIGTERM
    /// and checks it exits with 0.</summary>
    private static async Task UseAsync(Process demo, Func<HttpClient, Task> use)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? url = null;
            while (url is null && await demo.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                url = ListeningLine().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
            }

            Assert.NotNull(url);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            await use(client);

            Process.Start("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
            await demo.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, demo.ExitCode);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("--port", "many", "--port must be a number")]
    [InlineData("--bogus", "1", "unknown option '--bogus'")]
    [InlineData("--root", "/nonexistent/dir", "is not a directory")]
    [InlineData("--port", "70000", "port must be between 0 and 65535")]
    public async Task Demo_WithABadOption_PrintsOneErrorLine_AndExits2(string option, string value, string message)
    {
        using var demo = Start(option, value);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = await demo.StandardError.ReadToEndAsync(timeout.Token);
        await demo.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [GeneratedRegex(@"Listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
