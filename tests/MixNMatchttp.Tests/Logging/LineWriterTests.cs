using System.Text;
using Microsoft.Extensions.Logging;
using MixNMatchttp.Logging;

namespace MixNMatchttp.Tests.Logging;

/// <summary>The writer's handling of a sink that fails for a while (the real full disk is in LogFileTests).</summary>
public sealed class LineWriterTests
{
    [Fact]
    public async Task AFailingSink_IsReportedOnce_ThenItsRecoveryWithTheLinesLost()
    {
        var log = new TestLog();
        var sink = new FlakySink();
        await using (var writer = new LineWriter(sink, log.CreateLogger("test")))
        {
            await writer.WriteAsync("before");
            await writer.FlushAsync();
            sink.Failing = true;
            await writer.WriteAsync("lost 1");
            await writer.FlushAsync();
            await writer.WriteAsync("lost 2");
            await writer.FlushAsync();
            sink.Failing = false;
            await writer.WriteAsync("after");
        }

        Assert.Equal("before\nafter\n", sink.Text);
        var entries = await LogFileTests.EventuallyAsync(log, entries => entries.Count >= 2);
        Assert.Equal(
            [(LogLevel.Error, "Could not write to flaky: its lines are lost until writing works again"), (LogLevel.Warning, "Writing to flaky works again; 2 lines were lost")],
            entries.Select(entry => (entry.Level, entry.Message)));
    }

    [Fact]
    public async Task ALineThatCannotBeMade_IsLost_AndTheOthersAreWritten()
    {
        var log = new TestLog();
        var sink = new FlakySink();
        await using (var writer = new LineWriter(sink, log.CreateLogger("test")))
        {
            await writer.WriteAsync("one");
            await writer.WriteAsync(() => throw new InvalidOperationException("cannot serialize"));
            await writer.WriteAsync(() => "three");
        }

        Assert.Equal("one\nthree\n", sink.Text);
    }

    private sealed class FlakySink : ILineSink
    {
        private readonly StringBuilder _written = new();

        public bool Failing { get; set; }

        public string Name => "flaky";

        public string Text => _written.ToString();

        public void Write(ReadOnlySpan<byte> lines)
        {
            if (Failing)
            {
                throw new IOException("No space left on device");
            }

            _written.Append(Encoding.UTF8.GetString(lines));
        }

        public void Dispose()
        {
        }
    }
}
