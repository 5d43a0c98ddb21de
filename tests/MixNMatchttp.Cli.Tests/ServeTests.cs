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
        Assert.Equal("  modules: files (listing, compression)", lines[2]);
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

    [Fact]
    public async Task Compression_IsOnByDefault_AndNoCompressTurnsItOff()
    {
        using var dir = new TempDirectory();
        var text = string.Concat(Enumerable.Repeat("compressible text ", 200));
        dir.File("page.html", text);
        foreach (var (args, encoding) in new[] { (Array.Empty<string>(), "br"), (["--no-compress"], (string?)null) })
        {
            await using var cli = await CliProcess.StartAsync(dir.Path, ["-p", "0", .. args]);
            using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = cli.Url };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/page.html") { Headers = { { "Accept-Encoding", "gzip, br" } } };
            using var response = await client.SendAsync(request);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(text, encoding is null ? System.Text.Encoding.UTF8.GetString(body) : Decompress(body));
        }
    }

    [Fact]
    public async Task Spa_AnswersUnknownPathsWithoutAnExtension_WithTheIndex()
    {
        using var dir = new TempDirectory();
        dir.File("index.html", "<div id=app></div>");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--spa");
        using var client = new HttpClient { BaseAddress = cli.Url };
        Assert.Equal("<div id=app></div>", await client.GetStringAsync("/users/42"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missing.js")).StatusCode);
        Assert.Contains("spa: index.html", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathPrefix_IsPartOfThePrintedUrl()
    {
        using var dir = new TempDirectory();
        dir.File("a.txt", "a");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--path-prefix", "/app");
        Assert.EndsWith("/app/", cli.Url.ToString(), StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = cli.Url };
        Assert.Equal("a", await client.GetStringAsync("a.txt"));
    }

    [Fact]
    public async Task Version_PrintsTheVersion_AndExits0()
    {
        using var dir = new TempDirectory();
        var (code, output, errors) = await CliProcess.RunAsync(dir.Path, "--version");
        Assert.Equal((0, string.Empty), (code, errors));
        Assert.StartsWith("0.2.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_ShowsTheModulesEvents_WhichAreHiddenOtherwise()
    {
        using var dir = new TempDirectory();
        await using (var quiet = await CliProcess.StartAsync(dir.Path, "-p", "0", "-X"))
        {
            Assert.Equal(0, await quiet.StopAsync());
            Assert.DoesNotContain("MixNMatchttp.CrossOrigin", quiet.Errors, StringComparison.Ordinal);
        }

        await using var verbose = await CliProcess.StartAsync(dir.Path, "-p", "0", "-X", "-v");
        await verbose.WaitForAsync("info: MixNMatchttp.CrossOrigin.Cors");
    }

    private static string Decompress(byte[] body)
    {
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        return reader.ReadToEnd();
    }
}
