using System.Net.Sockets;
using System.Text;

namespace MixNMatchttp.Cli.Tests;

/// <summary>Under systemd (Type=notify) the command says READY=1 once it serves, and STOPPING=1 on SIGTERM.</summary>
public sealed class SystemdTests
{
    [Fact]
    public async Task UnderSystemd_NotifiesReadyAndStopping()
    {
        using var dir = new TempDirectory();
        var socketPath = Path.Join(dir.Path, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        // .NET takes a process whose parent is named "systemd" for a systemd service: a shell run through a link of that name.
        var systemd = Path.Join(dir.Path, "systemd");
        File.CreateSymbolicLink(systemd, "/bin/sh");
        await using var cli = await CliProcess.StartInShellAsync(
            dir.Path, systemd, "trap 'kill -TERM $child; wait $child' TERM; dotnet \"$MIX_COMMAND\" -p 0 & child=$!; wait $child; wait $child", new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath });
        var messages = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!messages.ToString().Contains("READY=1", StringComparison.Ordinal))
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            messages.Append(Encoding.UTF8.GetString(buffer, 0, received)).Append('\n');
        }

        Assert.Equal(0, await cli.StopAsync());
        while (!messages.ToString().Contains("STOPPING=1", StringComparison.Ordinal))
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            messages.Append(Encoding.UTF8.GetString(buffer, 0, received)).Append('\n');
        }
    }
}
