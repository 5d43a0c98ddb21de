namespace MixNMatchttp.Cli.Tests;

/// <summary>Every kind of bad command line: one line on stderr naming the option, exit code 2, never a stack trace,
/// whatever the value holds (control characters, non-ASCII text, huge sizes).</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("--port", "-p", "abc")]
    [InlineData("--port", "-p", "70000")]
    [InlineData("--port", "-p", "-1")]
    [InlineData("--port", "-p", "")]
    [InlineData("--port", "-p", "80.5")]
    [InlineData("--port", "-p", "８０８０")]
    [InlineData("--port", "-p", "8\u0001080")]
    [InlineData("--port", "-p", "0", "-p")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--bogus\\x1b[31m", "--bogus\u001b[31m")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("--hash-type", "--hash-type", "md4")]
    [InlineData("--hash-type", "--hash-type", "\u001b[2J")]
    [InlineData("--auth", "--auth", "basic")]
    [InlineData("--jwt-algo", "--auth", "jwt", "--jwt-algo", "none")]
    [InlineData("--jwt-algo", "--jwt-algo", "HS512")]
    [InlineData("--cookie-samesite", "--cookie-samesite", "sometimes")]
    [InlineData("--lockout", "--lockout", "5")]
    [InlineData("--lockout", "--lockout", "0/5m")]
    [InlineData("--lockout", "--lockout", "5/0m")]
    [InlineData("--lockout", "--lockout", "5/31d")]
    [InlineData("--lockout", "--lockout", "1001/1m")]
    [InlineData("--lockout", "--lockout", "five/5m")]
    [InlineData("--log-rotate", "--log-rotate", "1")]
    [InlineData("--log-rotate", "--log-rotate", "10X")]
    [InlineData("--log-rotate", "--log-rotate", "weekly")]
    [InlineData("--log-keep", "--log-keep", "many")]
    [InlineData("--log", "--log", "everything")]
    [InlineData("--root", "-r", "no-such-dir")]
    [InlineData("--userfile", "--userfile", "no-such-file.txt")]
    [InlineData("--userfile", "--userfile", "u\u001b[2J")]
    [InlineData("--userfile", "--userfile", "site")]
    [InlineData("--cert", "-s", "--cert", "no-such-cert.pem", "--key", "key.pem")]
    [InlineData("--key", "-s", "--cert", "key.pem", "--key", "no-such-key.pem")]
    [InlineData("--jwt-priv-key", "--auth", "jwt", "--jwt-priv-key", "no-such-key.pem")]
    [InlineData("--headers", "-H", "Bad Header")]
    [InlineData("--headers", "-H", "X-Empty:")]
    [InlineData("--headers", "-H", "X-A: a\u0001b")]
    [InlineData("--headers", "-H", "X-A: é")]
    [InlineData("--headers", "-H", "X\u001b[2J: 1")]
    [InlineData("--headers", "-H", "Content-Length: 5")]
    [InlineData("--deny", "--deny", "a/../b")]
    [InlineData("--deny", "--deny", "a\\b")]
    [InlineData("--deny", "--deny", "a\u001bb")]
    [InlineData("--no-cache", "--no-cache", "")]
    [InlineData("--secrets", "-S", "/")]
    [InlineData("--attachment", "--attachment", "")]
    [InlineData("--index", "--index", "../index.html")]
    [InlineData("--path-prefix", "--path-prefix", "app")]
    [InlineData("--path-prefix", "--path-prefix", "/app/")]
    [InlineData("--address", "-a", "999.1.1.1")]
    [InlineData("--address", "-a", "\u001b[2J")]
    [InlineData("--allowed-origins", "-X", "--allowed-origins", "http://a.test/path")]
    [InlineData("--allowed-origins", "-X", "--allowed-origins", "http://a\u001b.test")]
    [InlineData("--allowed-headers", "-X", "--allowed-headers", "Bad Header")]
    [InlineData("--allowed-methods", "-X", "--allowed-methods", "G T")]
    [InlineData("--listen", "--listen", "http://127.0.0.1:0", "-p", "0")]
    [InlineData("--users-dburl", "--auth", "cookie", "--users-dburl", "redis://127.0.0.1")]
    [InlineData("--sessions-dburl", "--sessions-dburl", "redis://127.0.0.1")]
    [InlineData("--cache-url", "--cache-url", "redis://127.0.0.1")]
    [InlineData("--cache-url", "--cache", "--cache-url", "sqlite:///pages.db")]
    [InlineData("--lockout-url", "--auth", "cookie", "--lockout-url", "postgresql://u@127.0.0.1/db")]
    [InlineData("--lockout-url", "--auth", "none", "--lockout-url", "redis://127.0.0.1")]
    [InlineData("--rate-limit", "--auth", "cookie", "--rate-limit", "0")]
    [InlineData("--rate-limit", "--auth", "cookie", "--rate-limit", "-1")]
    [InlineData("--rate-limit", "--auth", "cookie", "--rate-limit", "ten")]
    [InlineData("--save-config", "--save-config")]
    [InlineData("--config", "-c", "no-such-config.json")]
    [InlineData("--config", "-c", "c\u001b[2J.json")]
    public async Task ABadValue_IsOneLineNamingTheOption_ExitCode2(string option, params string[] args)
    {
        using var dir = new TempDirectory();
        dir.File("key.pem", "not a key");
        dir.File("site/index.html", "<p>site</p>");

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, [.. args, .. PortUnlessGiven(args)]), option);
    }

    [Theory]
    [InlineData("--port", "-p")]
    [InlineData("--lockout", "--lockout")]
    [InlineData("--log-rotate", "--log-rotate")]
    [InlineData("--hash-type", "--hash-type")]
    public async Task AHugeValue_IsOneShortLine(string option, string flag)
    {
        using var dir = new TempDirectory();
        var huge = new string('9', 100_000) + "\u001b";

        var line = UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, flag, huge), option);

        Assert.True(line.Length < 1000, $"a line of {line.Length} characters");
    }

    [Fact]
    public async Task AHugeHeader_IsOneLine()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p", "0", "-H", "X-A: " + new string('a', 100_000) + "\n"), "--headers");
    }

    [Fact]
    public async Task ASingleValueOptionWithoutItsValue_IsAUsageError()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p"), "-p");
    }

    [Fact]
    public async Task ASecondActionWithControlCharacters_IsEscaped()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "start", "x\u001b[2J"), "x\\x1b[2J");
    }

    [Fact]
    public async Task AMissingRootWithControlCharacters_IsEscaped()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p", "0", "-r", "r\u001b[2J"), "--root");
    }

    [Fact]
    public async Task AnEmptySecret_IsOneLine()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p", "0", "-S", ""), "--secrets");
    }

    [Fact]
    public async Task APathPrefixWithControlCharacters_IsRefused()
    {
        using var dir = new TempDirectory();

        UsageError.AssertOneLine(await CliProcess.RunAsync(dir.Path, "-p", "0", "--path-prefix", "/a\u0001"), "--path-prefix");
    }

    /// <summary>-p 0 unless the case is about the port, so that a case the command wrongly accepted would not take a fixed port.</summary>
    private static string[] PortUnlessGiven(string[] args) =>
        args.Any(arg => arg is "-p" or "--port" or "--listen" or "--help") ? [] : ["-p", "0"];
}
