using System.Diagnostics;
using System.Globalization;

namespace MixNMatchttp.Cli.Daemon;

/// <summary>
/// The original's actions on a daemon: <c>start --daemon</c> runs the command again as a detached child (its own
/// session, standard streams on /dev/null once it serves) and relays its start-up block or errors; <c>stop</c> sends
/// SIGTERM and waits; <c>status</c> reports through its exit code.
/// </summary>
internal static class DaemonControl
{
    /// <summary>Set in the detached child's environment.</summary>
    public const string ChildVariable = "MIXNMATCHTTP_DAEMON_CHILD";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Whether this process is the detached child of <c>start --daemon</c>.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>Starts the detached child with the same arguments, relays what it prints until it serves (or fails),
    /// and returns its outcome: 0 once it serves, else its exit code.</summary>
    public static async Task<int> StartDetachedAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet")
        {
            info.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ChildVariable] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var child = Process.Start(info) ?? throw new IOException("cannot start the daemon process");
        child.StandardInput.Close();
        var errors = Relay(child.StandardError, Console.Error);
        if (await RelayUntilReady(child.StandardOutput))
        {
            return 0; // the daemon serves; what it writes from now on goes nowhere
        }

        await errors;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The last line of the daemon's start-up block.</summary>
    public static string ReadyLine(int pid) => $"Started the daemon (pid {pid.ToString(CultureInfo.InvariantCulture)}).";

    public static int Status(string pidFile)
    {
        var (state, pid) = PidFile.Probe(pidFile);
        Console.Out.WriteLine(state switch
        {
            DaemonState.Running => $"mixnmatchttp is running (pid {Number(pid)})",
            DaemonState.Stale => $"mixnmatchttp is not running; removed the stale pid file {pidFile} (pid {Number(pid)})",
            _ => "mixnmatchttp is not running",
        });
        return (int)state;
    }

    /// <summary>Stops the daemon: SIGTERM, then waits until it has let go of its pid file.</summary>
    public static async Task<int> StopAsync(string pidFile)
    {
        var (state, pid) = PidFile.Probe(pidFile);
        if (state != DaemonState.Running || pid is null)
        {
            Console.Out.WriteLine("mixnmatchttp is not running");
            return 0;
        }

        if (!Posix.Signal(pid.Value, Posix.SigTerm))
        {
            throw new IOException($"cannot signal process {pid} named by {pidFile}");
        }

        var deadline = Stopwatch.StartNew();
        while (PidFile.Probe(pidFile).State == DaemonState.Running)
        {
            if (deadline.Elapsed > StopTimeout)
            {
                throw new IOException($"process {pid} did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM");
            }

            await Task.Delay(50);
        }

        Console.Out.WriteLine($"mixnmatchttp stopped (pid {pid})");
        return 0;
    }

    private static string Number(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>Copies lines until the daemon's ready line (true) or the end (false: it exited).</summary>
    private static async Task<bool> RelayUntilReady(StreamReader from)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await Console.Out.WriteLineAsync(line);
            if (line.StartsWith("Started the daemon (pid ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task Relay(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await to.WriteLineAsync(line);
        }
    }
}
