using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MixNMatchttp.Cli.Tests;

/// <summary>
/// The built <c>mixnmatchttp</c> command as a child process, as a user runs it: started in a working directory with
/// arguments (and optional standard input and environment), its output collected line by line.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(_output, line.Data, ready: line.Data?.StartsWith("Press Ctrl+C", StringComparison.Ordinal) == true);
        process.ErrorDataReceived += (_, line) => Append(_errors, line.Data, ready: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The built command's assembly (beside the tests, copied by the project reference).</summary>
    public static string Command { get; } = Path.Join(AppContext.BaseDirectory, "MixNMatchttp.Cli.dll");

    /// <summary>No extra environment variables (for the overloads with standard input).</summary>
    public static IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_lock)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The URLs of the start-up block.</summary>
    public IReadOnlyList<Uri> Urls =>
        [.. Output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("http", StringComparison.Ordinal)).Select(line => new Uri(line))];

    public Uri Url => Urls[0];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the command and waits for its start-up block ("Press Ctrl+C"); fails with its output if it exits first.</summary>
    public static async Task<CliProcess> StartAsync(string directory, params string[] args) => await StartAsync(directory, null, null, args);

    public static async Task<CliProcess> StartAsync(string directory, string? input, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var cli = Launch(directory, input, environment, args);
        using var timeout = new CancellationTokenSource(Patience);
        var exited = cli._process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(cli._ready.Task, exited) != cli._ready.Task)
        {
            await cli.DisposeAsync();
            Assert.Fail($"mixnmatchttp {string.Join(' ', args)} did not start:\n{cli.Output}\n{cli.Errors}");
        }

        return cli;
    }

    /// <summary>Runs the command to its end (30 s at most).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string directory, params string[] args) =>
        await RunAsync(directory, null, null, args);

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string directory, string? input, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var cli = Launch(directory, input, environment, args);
        using var timeout = new CancellationTokenSource(Patience);
        await cli._process.WaitForExitAsync(timeout.Token);
        cli._process.WaitForExit(); // the output is complete once the asynchronous readers have drained
        return (cli._process.ExitCode, cli.Output, cli.Errors);
    }

    /// <summary>Waits until the output (standard output and error) holds <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Output.Contains(text, StringComparison.Ordinal) && !Errors.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' in:\n{Output}\n{Errors}");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Signal(_process.Id, "TERM");
        }

        using var timeout = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static CliProcess Launch(string directory, string? input, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Command);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        return new CliProcess(process);
    }

    private void Append(StringBuilder text, string? line, bool ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            text.AppendLine(line);
        }

        if (ready)
        {
            _ready.TrySetResult();
        }
    }
}
