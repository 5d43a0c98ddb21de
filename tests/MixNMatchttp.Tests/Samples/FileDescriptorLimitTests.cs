using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MixNMatchttp.Tests.Samples;

/// <summary>A server whose process may open only a few files: it must refuse connections beyond what it can hold,
/// not die of it (.NET reports running out of descriptors as "Out of memory." and exits).</summary>
[Collection(nameof(Endpoints.AllocationMeasurement))] // alone: it holds hundreds of sockets
public sealed partial class FileDescriptorLimitTests
{
    private const int FileLimit = 256;

    [Fact]
    public async Task TwiceAsManyIdleConnectionsAsFileDescriptors_AreRefusedNotFatal_AndTheServerStillAnswers()
    {
        using var dir = new TempDirectory();
        dir.File("hello.txt", "still here");
        var demo = Path.Join(AppContext.BaseDirectory, "Demo.dll");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n {FileLimit} && exec dotnet \"$0\" --port 0 --root \"$1\"");
        info.ArgumentList.Add(demo);
        info.ArgumentList.Add(dir.Path);
        using var server = Process.Start(info)!;
        var output = new StringBuilder();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var port = await ListeningPortAsync(server, output, timeout.Token);
            var errors = server.StandardError.ReadToEndAsync(timeout.Token);
            var outputRead = CopyLinesAsync(server.StandardOutput, output, timeout.Token);
            var idle = new List<TcpClient>();
            try
            {
                for (var i = 0; i < 2 * FileLimit; i++)
                {
                    var client = new TcpClient();
                    idle.Add(client);
                    try
                    {
                        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    }
                    catch (SocketException)
                    {
                        // Refused or reset: the server closing what it cannot hold is the behaviour under test.
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(3), timeout.Token);
                Assert.False(server.HasExited, "the server died holding idle connections: " + (server.HasExited ? await errors : string.Empty));
                lock (output)
                {
                    Assert.Single(LimitReached().Matches(output.ToString())); // logged once while saturated, not per connection
                }
            }
            finally
            {
                foreach (var client in idle)
                {
                    client.Dispose();
                }
            }

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? answer = null;
            while (answer is null)
            {
                try
                {
                    answer = await http.GetStringAsync("/hello.txt", timeout.Token);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, timeout.Token); // the refused connections are still being closed
                }
            }

            Assert.Equal("still here", answer);
            server.Kill();
            await server.WaitForExitAsync(timeout.Token);
            await outputRead;
            Assert.DoesNotContain("Out of memory", await errors, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task CopyLinesAsync(StreamReader reader, StringBuilder output, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<int> ListeningPortAsync(Process server, StringBuilder output, CancellationToken cancellationToken)
    {
        while (await server.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            output.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("the server stopped before listening:\n" + output);
    }

    [GeneratedRegex(@"Listening on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex("connections are open, the most this server holds")]
    private static partial Regex LimitReached();
}
