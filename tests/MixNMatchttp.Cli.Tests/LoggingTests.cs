using System.Net;

namespace MixNMatchttp.Cli.Tests;

/// <summary>The command's logs: the access log on the console or in --logdir, the event, error and component logs,
/// the request log, rotation, and secrets kept out.</summary>
public sealed class LoggingTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task ByDefault_EachRequestIsOneCombinedLogLineOnTheConsole_WithSecretsHidden()
    {
        using var dir = new TempDirectory();
        dir.File("a.txt", "aaa");
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0");
        using var client = new HttpClient { BaseAddress = cli.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/a.txt?password=hunter2&x=1") { Headers = { { "Referer", "http://r.test/" } } };
        request.Headers.TryAddWithoutValidation("User-Agent", "agent\"with quote");
        await client.SendAsync(request);
        await cli.WaitForAsync("GET /a.txt");
        Assert.Matches(
            @"127\.0\.0\.1 - - \[\d\d/Dec/\d{4}:\d\d:\d\d:\d\d \+0000\] ""GET /a\.txt\?password=\*\*\*&x=1 HTTP/1\.1"" 200 3 ""http://r\.test/"" ""agent\\""with quote""",
            cli.Output);
        Assert.DoesNotContain("hunter2", cli.Output + cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_LogsNoRequests()
    {
        using var dir = new TempDirectory();
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "-q");
        using var client = new HttpClient { BaseAddress = cli.Url };
        await client.GetAsync("/quiet-marker");
        Assert.Equal(0, await cli.StopAsync());
        Assert.DoesNotContain("quiet-marker", cli.Output + cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogDir_HoldsTheLogs_0600_NeverServed_AndTheConsoleStaysQuiet()
    {
        using var dir = new TempDirectory();
        dir.File("users.txt", "alice:Al1ce!Passw0rd\n");
        await using (var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "-l", "logs", "--userfile", "users.txt", "--userfile-plain", "--log", "auth", "--debug-log", "cors", "cors-trace.log", "-X", "--request-log"))
        {
            using var client = new HttpClient { BaseAddress = cli.Url };
            await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "wrong-Passw0rd" }));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/logs/access.log")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/logs/")).StatusCode);
            Assert.Equal(0, await cli.StopAsync());
            Assert.DoesNotContain("POST /login", cli.Output, StringComparison.Ordinal);
        }

        var logs = Path.Join(dir.Path, "logs");
        Assert.Equal(["access.log", "auth.log", "cors-trace.log", "error.log", "event.log", "request.log"], Directory.GetFiles(logs).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(logs), file => Assert.Equal(OwnerOnly, File.GetUnixFileMode(file)));
        Assert.Contains("\"POST /login HTTP/1.1\" 401", File.ReadAllText(Path.Join(logs, "access.log")), StringComparison.Ordinal);
        Assert.Contains("Failed login for alice", File.ReadAllText(Path.Join(logs, "auth.log")), StringComparison.Ordinal);
        Assert.Contains("MixNMatchttp.CrossOrigin", File.ReadAllText(Path.Join(logs, "cors-trace.log")), StringComparison.Ordinal);
        var events = File.ReadAllText(Path.Join(logs, "event.log"));
        Assert.Matches("INFO MixNMatchttp.Cli\\[Started\\]: Started serving .* on http://127\\.0\\.0\\.1:[0-9]+", events);
        Assert.Contains("INFO MixNMatchttp.Cli[Stopped]", events, StringComparison.Ordinal);
        var requests = File.ReadAllText(Path.Join(logs, "request.log"));
        Assert.Contains("\"method\":\"POST\"", requests, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Passw0rd", string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogSecrets_KeepsThem()
    {
        using var dir = new TempDirectory();
        await using var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "--log-secrets");
        using var client = new HttpClient { BaseAddress = cli.Url };
        await client.GetAsync("/x?token=abc123");
        await cli.WaitForAsync("token=abc123");
    }

    [Fact]
    public async Task LogRotate_KeepsTheNamedNumberOfFiles()
    {
        using var dir = new TempDirectory();
        await using (var cli = await CliProcess.StartAsync(dir.Path, "-p", "0", "-l", "logs", "--log-rotate", "4K", "--log-keep", "2"))
        {
            using var client = new HttpClient { BaseAddress = cli.Url };
            var path = "/" + new string('p', 200);
            for (var i = 0; i < 150; i++)
            {
                await client.GetAsync(path);
            }

            Assert.Equal(0, await cli.StopAsync());
        }

        var access = Directory.GetFiles(Path.Join(dir.Path, "logs"), "access.log*").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["access.log", "access.log.1", "access.log.2"], access);
        Assert.All(access, name => Assert.True(new FileInfo(Path.Join(dir.Path, "logs", name)).Length <= 4096));
    }

    [Theory]
    [InlineData("--logdir", ".", "--logdir: ")]
    [InlineData("--log", "auth a.log --debug-log cors a.log", "--log: the file 'a.log' is written by another log")]
    [InlineData("--log", "nosuch", "--log: unknown component 'nosuch'")]
    public async Task BadLogOptions_AreOneErrorLine(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var args = new List<string> { "-p", "0", option };
        args.AddRange(value.Split(' '));
        if (option == "--log")
        {
            args.AddRange(["-l", "logs"]);
        }

        var (code, _, errors) = await CliProcess.RunAsync(dir.Path, [.. args]);
        Assert.Equal(2, code);
        Assert.StartsWith("mixnmatchttp: error: " + message, errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
    }
}
