using System.Text;
using System.Text.RegularExpressions;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

public sealed partial class AccessLogTests
{
    private const string Hello = $"127.0.0.1 - - {AccessLogHost.Time} \"GET /hello HTTP/1.1\" 200 5 \"-\" \"-\"";

    [Fact]
    public async Task Get_IsOneCombinedLogFormatLine_WithTheBodyBytes()
    {
        await using var log = await AccessLogHost.StartAsync();
        await log.Host.GetRawAsync("/hello");

        Assert.Equal([Hello], await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task Head_LogsNoBodyBytes()
    {
        await using var log = await AccessLogHost.StartAsync();
        await log.Host.RawAsync("HEAD", "/hello");
        await log.Host.RawAsync("HEAD", "/file.txt");

        Assert.Equal(
            [
                $"127.0.0.1 - - {AccessLogHost.Time} \"HEAD /hello HTTP/1.1\" 200 - \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"HEAD /file.txt HTTP/1.1\" 200 - \"-\" \"-\"",
            ],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task NotFound_NotModified_AndAServerError_LogTheirStatusAndRealBodyBytes()
    {
        await using var log = await AccessLogHost.StartAsync();
        var etag = (await log.Host.GetRawAsync("/file.txt")).Header("ETag");
        var notModified = await log.Host.RawAsync("GET", "/file.txt", $"If-None-Match: {etag}\r\n");
        var missing = await log.Host.GetRawAsync("/missing.txt");
        var failed = await log.Host.GetRawAsync("/fail");

        Assert.Equal((304, 404, 500), (notModified.Status, missing.Status, failed.Status));
        Assert.Equal(
            [
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /file.txt HTTP/1.1\" 200 100 \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /file.txt HTTP/1.1\" 304 - \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /missing.txt HTTP/1.1\" 404 {missing.Body.Length} \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /fail HTTP/1.1\" 500 {failed.Body.Length} \"-\" \"-\"",
            ],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task PostWithABody_LogsTheResponseBytes_TheRefererAndTheUserAgent()
    {
        await using var log = await AccessLogHost.StartAsync();
        await log.Host.RawAsync("POST", "/hello?x=1", "Referer: http://127.0.0.1/form.html\r\nUser-Agent: curl/8.5.0\r\nContent-Type: text/plain\r\n", "a body of some length");

        Assert.Equal(
            [$"127.0.0.1 - - {AccessLogHost.Time} \"POST /hello?x=1 HTTP/1.1\" 200 5 \"http://127.0.0.1/form.html\" \"curl/8.5.0\""],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task BodiesWrittenThroughThePipeWriter_AndFilesSentFromDisk_AreCounted()
    {
        await using var log = await AccessLogHost.StartAsync();
        var piped = await log.Host.GetRawAsync("/piped");
        var big = await log.Host.GetRawAsync("/big/file.bin");
        var range = await log.Host.RawAsync("GET", "/big/file.bin", "Range: bytes=10-19\r\n");

        Assert.Equal(("abcdefg", 307200, 10), (piped.Text, big.Body.Length, range.Body.Length));
        Assert.Equal(
            [
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /piped HTTP/1.1\" 200 7 \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /big/file.bin HTTP/1.1\" 200 307200 \"-\" \"-\"",
                $"127.0.0.1 - - {AccessLogHost.Time} \"GET /big/file.bin HTTP/1.1\" 206 10 \"-\" \"-\"",
            ],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task RequestsOnOneKeptAliveConnection_CountTheirOwnBytes()
    {
        await using var log = await AccessLogHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("hello", await log.Host.Client.GetStringAsync("/hello"));
        }

        await log.Host.Client.GetAsync("/piped");

        var lines = await log.ConsoleLinesAsync();
        Assert.Equal(["200 5", "200 5", "200 5", "200 7"], lines.Select(line => StatusAndBytes().Match(line).Value));
    }

    [Fact]
    public async Task RefusedTarget_IsLoggedAsSent()
    {
        await using var log = await AccessLogHost.StartAsync();
        var refused = await log.Host.GetRawAsync("/a%ffb");

        Assert.Equal(400, refused.Status);
        Assert.Equal([$"127.0.0.1 - - {AccessLogHost.Time} \"GET /a%ffb HTTP/1.1\" 400 {refused.Body.Length} \"-\" \"-\""], await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task SecretQueryValues_AreHidden_InTheTargetAndTheReferer()
    {
        await using var log = await AccessLogHost.StartAsync();
        await log.Host.RawAsync(
            "GET",
            "/hello?user=bob&password=hunter2&Token=abc&pass%77ord=x&PWD=&keyword=k&code=42&key",
            "Referer: http://lab/login?username=bob&access_token=eyJ&next=/\r\n");

        Assert.Equal(
            [$"127.0.0.1 - - {AccessLogHost.Time} \"GET /hello?user=bob&password=***&Token=***&pass%77ord=***&PWD=***&keyword=k&code=***&key HTTP/1.1\" 200 5 \"http://lab/login?username=bob&access_token=***&next=/\" \"-\""],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task SecretQueryValues_AreShown_WithLogSecrets()
    {
        await using var log = await AccessLogHost.StartAsync(new AccessLogOptions { Colour = false, LogSecrets = true });
        await log.Host.RawAsync("GET", "/hello?password=hunter2", "Referer: http://lab/?token=abc\r\n");

        Assert.Equal(
            [$"127.0.0.1 - - {AccessLogHost.Time} \"GET /hello?password=hunter2 HTTP/1.1\" 200 5 \"http://lab/?token=abc\" \"-\""],
            await log.ConsoleLinesAsync());
    }

    [Fact]
    public async Task HostileRequestData_NeverSplitsOrForgesALine()
    {
        // Kestrel itself refuses raw CR, LF, NUL and non-ASCII bytes in the request line (those requests reach no
        // module); AccessLogLineTests covers them. Everything it lets through is escaped here.
        await using var log = await AccessLogHost.StartAsync();
        var hostile = new (string Target, string Headers, string Expected)[]
        {
            ("/hello?q=\"x\"", "User-Agent: a \"quoted\" \\ back\\slash\r\n",
                @"""GET /hello?q=\""x\"" HTTP/1.1"" 200 5 ""-"" ""a \""quoted\"" \\ back\\slash"""),
            ("/hello", "User-Agent: \u001b[31mred\u001b[0m\tand tab\r\nReferer: http://x/\"\u001b]0;title\u0007\r\n",
                @"""GET /hello HTTP/1.1"" 200 5 ""http://x/\""\x1b]0;title\x07"" ""\x1b[31mred\x1b[0m\x09and tab"""),
            ("/hello", "User-Agent: Mözilla ☃ 😀\r\n",
                @"""GET /hello HTTP/1.1"" 200 5 ""-"" ""M\xc3\xb6zilla \xe2\x98\x83 \xf0\x9f\x98\x80"""),
            ("/hello?%0d%0a127.0.0.1%20-%20-%20[forged]", "User-Agent: x\" 200 5 \"-\" \"forged\r\n",
                @"""GET /hello?%0d%0a127.0.0.1%20-%20-%20[forged] HTTP/1.1"" 200 5 ""-"" ""x\"" 200 5 \""-\"" \""forged"""),
        };
        foreach (var (target, headers, _) in hostile)
        {
            await RawBytesAsync(log.Host.Port, $"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n");
        }

        var lines = await log.ConsoleLinesAsync();
        Assert.Equal(hostile.Select(request => $"127.0.0.1 - - {AccessLogHost.Time} {request.Expected}"), lines);
        Assert.All(lines, line =>
        {
            Assert.Matches(CombinedLogFormat(), line);
            Assert.DoesNotContain(line, c => c is < ' ' or > '~');
        });
    }

    [Fact]
    public async Task Colour_MarksTheStatusByItsClass_OnTheConsoleOnly()
    {
        using var dir = new TempDirectory();
        var file = Path.Join(dir.Path, "access.log");
        await using var log = await AccessLogHost.StartAsync(new AccessLogOptions { Colour = true, File = file });
        await log.Host.GetRawAsync("/hello");
        await log.Host.GetRawAsync("/file.txt/");
        await log.Host.GetRawAsync("/missing");
        await log.Host.GetRawAsync("/fail");

        var console = await log.ConsoleLinesAsync();
        Assert.Equal(["\e[32m200\e[0m", "\e[33m404\e[0m", "\e[33m404\e[0m", "\e[31m500\e[0m"], console.Select(line => ColouredStatus().Match(line).Value));
        var plain = LogFileTests.ReadLines(file);
        Assert.Equal(console.Select(line => line.Replace("\e[0m", string.Empty, StringComparison.Ordinal)).Select(line => ColourCode().Replace(line, string.Empty)), plain);
    }

    [Fact]
    public async Task ABurstOfConcurrentRequests_GivesExactlyOneWholeLineEach_InTheFile()
    {
        using var dir = new TempDirectory();
        var file = Path.Join(dir.Path, "logs", "access.log");
        await using (var log = await AccessLogHost.StartAsync(new AccessLogOptions { Console = false, File = file }))
        {
            using var client = new HttpClient { BaseAddress = log.Host.BaseAddress };
            await Task.WhenAll(Enumerable.Range(0, 32).Select(task => Task.Run(async () =>
            {
                for (var i = 0; i < 2000 / 32 + (task < 2000 % 32 ? 1 : 0); i++)
                {
                    using var response = await client.GetAsync($"/hello?n={task}-{i}");
                    response.EnsureSuccessStatusCode();
                }
            })));
        }

        var lines = LogFileTests.ReadLines(file);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, line => Assert.Matches(CombinedLogFormat(), line));
        Assert.Equal(2000, lines.Select(line => line.Split(' ')[6]).Distinct().Count());
    }

    [Fact]
    public async Task TheAccessLogFile_AndItsOldFiles_AreNeverServed()
    {
        var root = new TempDirectory();
        var file = Path.Join(root.Path, "logs", "access.log");
        var options = new AccessLogOptions { Console = false, File = file, Rotation = new LogRotation { MaxBytes = 100, Keep = 2 } };
        await using var log = await AccessLogHost.StartAsync(options, root);
        await log.Host.GetRawAsync("/hello");
        await log.Host.GetRawAsync("/hello");
        for (var i = 0; i < 100 && !File.Exists(file + ".1"); i++)
        {
            await Task.Delay(20); // the second line starts a new file once the writer gets to it
        }

        var current = await log.Host.GetRawAsync("/logs/access.log");
        var old = await log.Host.GetRawAsync("/logs/access.log.1");
        var oldest = await log.Host.GetRawAsync("/logs/access.log.2");

        Assert.True(File.Exists(file + ".1"));
        Assert.Equal((404, 404, 404), (current.Status, old.Status, oldest.Status));
    }

    [Theory]
    [InlineData(false, null, null, 5, "AccessLogOptions: Console is off and File is not set, so the access log would go nowhere.")]
    [InlineData(true, "  ", null, 5, "AccessLogOptions.File cannot be empty: give a path or null.")]
    [InlineData(true, null, 0L, 5, "AccessLogOptions.Rotation.MaxBytes must be positive, not 0.")]
    [InlineData(true, null, null, -1, "AccessLogOptions.Rotation.Keep must be 0 to 1000, not -1.")]
    public void UnusableOptions_FailTheBuild(bool console, string? file, long? maxBytes, int keep, string problem)
    {
        var options = new AccessLogOptions { Console = console, File = file, Rotation = new LogRotation { MaxBytes = maxBytes, Keep = keep } };
        var error = Assert.Throws<MixConfigurationException>(() =>
            MixServer.Create(new MixServerOptions { Port = 0, ConfigureLogging = _ => { } }).Add(new AccessLog(options)).Build());
        Assert.Equal([problem], error.Problems);
    }

    [Fact]
    public async Task AFileThatCannotBeOpened_FailsTheStart_NamingTheOption()
    {
        using var dir = new TempDirectory();
        var notADirectory = dir.File("a-file", "x");
        var error = await Assert.ThrowsAsync<MixConfigurationException>(() => AccessLogHost.StartAsync(new AccessLogOptions { File = Path.Join(notADirectory, "access.log") }));
        Assert.StartsWith("AccessLogOptions.File: cannot open", error.Message, StringComparison.Ordinal);
    }

    private static async Task RawBytesAsync(int port, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var response = new MemoryStream();
        await stream.CopyToAsync(response);
    }

    [GeneratedRegex("""^[0-9.]+ - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] "([^"\\]|\\.)*" \d{3} (\d+|-) "([^"\\]|\\.)*" "([^"\\]|\\.)*"$""")]
    private static partial Regex CombinedLogFormat();

    [GeneratedRegex(@"(?<="" )\d{3} (\d+|-)(?= "")")]
    private static partial Regex StatusAndBytes();

    [GeneratedRegex(@"\e\[\d+m\d{3}\e\[0m")]
    private static partial Regex ColouredStatus();

    [GeneratedRegex(@"\e\[\d+m")]
    private static partial Regex ColourCode();
}
