using System.Net;

namespace MixNMatchttp.Cli.Tests;

/// <summary>The command with few or no options, as a new user first runs it.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task NoOptions_ServesTheCurrentDirectoryWithAListing_AndPrintsOneStartupBlock()
    {
        using var dir = new TempDirectory();
        dir.File("hello.txt", "hello");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0");
        using var client = new HttpClient { BaseAddress = cli.Url };

        Assert.Equal("hello", await client.GetStringAsync("/hello.txt"));
        Assert.Contains("href=\"hello.txt\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        var lines = cli.Output.TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.Equal($"mixnmatchttp 0.2.0 serving {dir.Path}", lines[0]);
        Assert.Matches(@"^  http://127\.0\.0\.1:[0-9]+$", lines[1]);
        Assert.Equal("  modules: files (listing)", lines[2]);
        Assert.Equal("Press Ctrl+C to stop.", lines[3]);
        Assert.DoesNotContain("Content root path", cli.Output + cli.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting environment", cli.Output + cli.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await cli.StopAsync());
    }

    [Fact]
    public async Task ASingleValueOptionGivenTwice_IsAUsageError()
    {
        using var dir = new TempDirectory();
        var (code, _, errors) = await CliProcess.RunAsync(dir.Path, "--port", "58080", "-p", "58080");
        Assert.Equal(2, code); // a single-value option given twice is a usage error
        Assert.Contains("--port", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotFilesAndTheUsersFile_AreNeverServed()
    {
        using var dir = new TempDirectory();
        dir.File(".git/config", "[core]");
        dir.File(".env", "SECRET=1");
        dir.File("users.txt", "alice:Correct-Horse-9:admin");
        dir.File(".well-known/security.txt", "Contact: x");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--userfile", "users.txt", "--userfile-plain");
        using var client = new HttpClient { BaseAddress = cli.Url };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/.git/config")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/.env")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/users.txt")).StatusCode);
        Assert.Equal("Contact: x", await client.GetStringAsync("/.well-known/security.txt"));
    }

    [Fact]
    public async Task Root_ServesThatDirectory_AndRelativeFilesStayRelativeToWhereTheCommandRan()
    {
        using var dir = new TempDirectory();
        dir.File("site/page.html", "<p>page</p>");
        dir.File("users.txt", "alice:Correct-Horse-9");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "-r", "site", "--userfile", "users.txt", "--userfile-plain");
        using var client = new HttpClient { BaseAddress = cli.Url };

        Assert.Equal("<p>page</p>", await client.GetStringAsync("/page.html"));
        Assert.Contains($"serving {Path.Join(dir.Path, "site")}", cli.Output, StringComparison.Ordinal);
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "Correct-Horse-9" }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Open_StartsTheBrowserFromTheEnvironmentWithTheServersUrl()
    {
        using var dir = new TempDirectory();
        var opened = Path.Join(dir.Path, "opened.txt");
        var browser = dir.File("browser.sh", $"#!/bin/sh\necho \"$1\" > '{opened}'\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var cli = await CliProcess.StartAsync(dir.Path, null, new Dictionary<string, string> { ["BROWSER"] = browser }, "-p", "0", "-o");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(opened) || File.ReadAllText(opened).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the browser was not started");
            await Task.Delay(20);
        }

        Assert.Equal(cli.Url.ToString(), File.ReadAllText(opened).Trim());
    }

    [Fact]
    public async Task Open_WithoutABrowser_WarnsAndKeepsServing()
    {
        using var dir = new TempDirectory();
        await using var cli = await CliProcess.StartAsync(dir.Path, null, new Dictionary<string, string> { ["BROWSER"] = "/nonexistent/browser" }, "-p", "0", "--open");
        await cli.WaitForAsync("mixnmatchttp: warning: --open: cannot start '/nonexistent/browser'");
        using var client = new HttpClient { BaseAddress = cli.Url };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
