using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

public sealed class FileLoggerProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 21, 33, 37, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "CRIT")]
    public async Task AnEvent_IsOneLine_WithTimeLevelCategoryAndEventName(LogLevel level, string name)
    {
        var lines = await LogAsync(LogLevel.Trace, logger => Emit(logger, level, "the message", new EventId(42, "SomethingHappened")));

        Assert.Equal([$"2026-12-01T21:33:37.123Z {name} MixNMatchttp.Test[SomethingHappened]: the message"], lines);
    }

    [Fact]
    public async Task AnEventWithoutAName_ShowsItsId_OrNothingForIdZero()
    {
        var lines = await LogAsync(LogLevel.Information, logger =>
        {
            Emit(logger, LogLevel.Information, "numbered", new EventId(7));
            Emit(logger, LogLevel.Information, "plain");
        });

        Assert.Equal(["2026-12-01T21:33:37.123Z INFO MixNMatchttp.Test[7]: numbered", "2026-12-01T21:33:37.123Z INFO MixNMatchttp.Test: plain"], lines);
    }

    [Fact]
    public async Task ControlCharacters_AreEscaped_SoAnEventStaysOneLine()
    {
        var lines = await LogAsync(LogLevel.Information, logger =>
            Emit(logger, LogLevel.Warning, "Bad request for /a\r\n2026-12-01T00:00:00.000Z ERROR forged\u001b[2J\u0085"));

        Assert.Equal([@"2026-12-01T21:33:37.123Z WARN MixNMatchttp.Test: Bad request for /a\x0d\x0a2026-12-01T00:00:00.000Z ERROR forged\x1b[2J\x85"], lines);
    }

    [Fact]
    public async Task AnException_IsOnTheSameLine_WithoutItsStackTrace_AboveDebug()
    {
        var error = Thrown(new InvalidOperationException("bad\nthing"));
        var lines = await LogAsync(LogLevel.Information, logger => Emit(logger, LogLevel.Error, "It failed", exception: error));

        Assert.Equal([@"2026-12-01T21:33:37.123Z ERROR MixNMatchttp.Test: It failed: System.InvalidOperationException: bad\x0athing"], lines);
    }

    [Fact]
    public async Task AtDebug_TheStackTraceAndInnerExceptions_FollowOnIndentedLines()
    {
        var error = Thrown(new InvalidOperationException("outer", Thrown(new IOException("disk\r\nfull"))));
        var lines = await LogAsync(LogLevel.Debug, logger => Emit(logger, LogLevel.Error, "It failed", exception: error));

        Assert.Equal(4, lines.Length);
        Assert.Equal("2026-12-01T21:33:37.123Z ERROR MixNMatchttp.Test: It failed: System.InvalidOperationException: outer", lines[0]);
        Assert.StartsWith("    at MixNMatchttp.Tests.Logging.FileLoggerProviderTests.Thrown(", lines[1], StringComparison.Ordinal);
        Assert.Equal(@"    ---> System.IO.IOException: disk\x0d\x0afull", lines[2]);
        Assert.StartsWith("    at MixNMatchttp.Tests.Logging.FileLoggerProviderTests.Thrown(", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_BelowTheMinimumLevel_OrOutsideThePrefix_AreNotWritten()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "auth.log");
        await using (var provider = new FileLoggerProvider(new LogFile(path), LogLevel.Information, "MixNMatchttp.Auth", new FixedClock(Now)))
        {
            Emit(provider.CreateLogger("MixNMatchttp.Auth.CookieAuth"), LogLevel.Information, "kept");
            Emit(provider.CreateLogger("MixNMatchttp.Auth.CookieAuth"), LogLevel.Debug, "too low");
            Emit(provider.CreateLogger("mixnmatchttp.auth"), LogLevel.Warning, "kept too");
            Emit(provider.CreateLogger("MixNMatchttp.Authz"), LogLevel.Warning, "another component");
            Emit(provider.CreateLogger("MixNMatchttp"), LogLevel.Warning, "above the prefix");
        }

        Assert.Equal(
            ["2026-12-01T21:33:37.123Z INFO MixNMatchttp.Auth.CookieAuth: kept", "2026-12-01T21:33:37.123Z WARN mixnmatchttp.auth: kept too"],
            LogFileTests.ReadLines(path));
    }

    [Fact]
    public async Task AddFile_RoutesEachCategoryAndLevel_ToTheFilesThatAskForIt()
    {
        using var dir = new TempDirectory();
        string File(string name) => Path.Join(dir.Path, "logs", name);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedClock(Now))
            .AddLogging(logging => logging
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                .AddFile(File("error.log"), LogLevel.Warning)
                .AddFile(File("event.log"))
                .AddFile(File("debug-auth.log"), LogLevel.Debug, "MixNMatchttp.Auth")
                .AddFile(File("auth.log"), LogLevel.Information, "MixNMatchttp.Auth"))
            .BuildServiceProvider();
        await using (services)
        {
            var loggers = services.GetRequiredService<ILoggerFactory>();
            var auth = loggers.CreateLogger("MixNMatchttp.Auth.CookieAuth");
            Emit(auth, LogLevel.Debug, "auth debug");
            Emit(auth, LogLevel.Information, "auth info");
            Emit(auth, LogLevel.Warning, "auth warning");
            Emit(loggers.CreateLogger("MixNMatchttp.Authz"), LogLevel.Information, "authz info");
            var files = loggers.CreateLogger("MixNMatchttp.Files.StaticFiles");
            Emit(files, LogLevel.Debug, "files debug");
            Emit(files, LogLevel.Information, "files info");
            Emit(files, LogLevel.Error, "files error");
            var hosting = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
            Emit(hosting, LogLevel.Information, "request finished");
            Emit(hosting, LogLevel.Warning, "hosting warning");
        }

        Assert.Equal(["auth warning", "files error", "hosting warning"], Messages(File("error.log")));
        Assert.Equal(["auth info", "auth warning", "authz info", "files info", "files error", "hosting warning"], Messages(File("event.log")));
        Assert.Equal(["auth info", "auth warning"], Messages(File("auth.log")));
        Assert.Equal(["auth debug", "auth info", "auth warning"], Messages(File("debug-auth.log")));
    }

    [Fact]
    public async Task AddFile_InAServer_StampsWithTheServersClock_AndIsClosedWithTheServer()
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "event.log");
        var options = new MixServerOptions { TimeProvider = new FixedClock(Now), ConfigureLogging = logging => logging.AddFile(path) };
        await using (var host = await TestHost.StartAsync(options))
        {
            await host.Client.GetAsync("/");
        }

        Assert.Contains(
            LogFileTests.ReadLines(path),
            line => line.StartsWith("2026-12-01T21:33:37.123Z INFO MixNMatchttp.MixApp[Listening]: Listening on http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public void AddFile_RefusesUnusableSettings()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddLogging(logging => logging.AddFile(" ")));
        Assert.Throws<ArgumentException>(() => services.AddLogging(logging => logging.AddFile("a.log", categoryPrefix: "")));
        Assert.Throws<ArgumentException>(() => services.AddLogging(logging => logging.AddFile("a.log", rotation: new LogRotation { MaxBytes = -1 })));
    }

    private static async Task<string[]> LogAsync(LogLevel minimumLevel, Action<ILogger> log)
    {
        using var dir = new TempDirectory();
        var path = Path.Join(dir.Path, "test.log");
        var provider = new FileLoggerProvider(new LogFile(path), minimumLevel, timeProvider: new FixedClock(Now));
        var logger = provider.CreateLogger("MixNMatchttp.Test");
        log(logger);
        provider.Dispose(); // synchronous disposal writes every queued event too
        Emit(logger, LogLevel.Critical, "after disposal: ignored");
        await provider.DisposeAsync();

        return LogFileTests.ReadLines(path);
    }

    /// <summary>Logs a message as it is (the logging extension methods would take it for a template).</summary>
    private static void Emit(ILogger logger, LogLevel level, string message, EventId eventId = default, Exception? exception = null) =>
        logger.Log(level, eventId, message, exception, static (text, _) => text);

    private static string[] Messages(string path) => [.. LogFileTests.ReadLines(path).Select(line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..])];

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
