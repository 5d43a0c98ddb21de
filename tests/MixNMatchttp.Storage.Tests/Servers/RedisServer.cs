using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MixNMatchttp.Storage.Tests.Servers;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with no persistence and a temp directory of its own, stopped
/// (and its directory deleted) when disposed, or when the test process exits. Shared by the tests of
/// <see cref="SharedRedisServer"/>; a test that needs a differently configured server starts its own with
/// <see cref="StartAsync"/>.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string[] _arguments;
    private Process? _process;
    private string? _directory;

    public RedisServer()
        : this([])
    {
    }

    private RedisServer(string[] arguments)
    {
        _arguments = arguments;
    }

    public int Port { get; private set; }

    /// <summary>The server's URL, database 0.</summary>
    public string Url => $"redis://127.0.0.1:{Port}/0";

    /// <summary>Starts a server of its own with extra <paramref name="arguments"/> (e.g. <c>--requirepass</c>).</summary>
    public static async Task<RedisServer> StartAsync(params string[] arguments)
    {
        var server = new RedisServer(arguments);
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException($"{Executable} was not found on PATH: the Redis store tests need a real server (apt-get install redis-server; .ci/run installs it).");
        _directory = Directory.CreateTempSubdirectory("mnm-redis-").FullName;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

        // A free port can be taken between choosing it and the server binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _process = Start(executable);
            var problem = await WaitForPongAsync();
            if (problem is null)
            {
                return;
            }

            Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{Executable} did not start on 127.0.0.1:{Port}: {problem}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (_directory is not null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private Process Start(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--dir", _directory!, "--logfile", Path.Join(_directory, "redis.log"), "--daemonize", "no", .. _arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Null once the server answers PING (with PONG, or NOAUTH when it wants a password), else why it does not.</summary>
    private async Task<string?> WaitForPongAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                return $"it exited with code {_process.ExitCode}; its log ends: {LogTail()}";
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                var answer = Encoding.ASCII.GetString(buffer, 0, read);
                if (answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal))
                {
                    return null;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException)
            {
            }

            await Task.Delay(50);
        }

        return $"no PONG within {StartTimeout.TotalSeconds} s; its log ends: {LogTail()}";
    }

    private string LogTail()
    {
        var log = Path.Join(_directory, "redis.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "(no log)";
    }

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => Path.Join(directory, Executable))
            .FirstOrDefault(File.Exists);
}

/// <summary>The tests that share one <see cref="RedisServer"/>; each uses key prefixes of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisServer : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis server";
}
