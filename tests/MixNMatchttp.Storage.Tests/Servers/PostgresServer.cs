using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MixNMatchttp.Storage.Sql;
using Npgsql;

namespace MixNMatchttp.Storage.Tests.Servers;

/// <summary>
/// A real PostgreSQL server for the test run: initdb in a temp directory, started by pg_ctl on a free loopback port
/// (password authentication over TCP), stopped with <c>pg_ctl stop -m immediate</c> at the end, also when tests failed
/// or the run is cut short. As root (initdb refuses root) the server runs as the <c>postgres</c> system user, created
/// when missing. Missing binaries fail the tests: CI installs PostgreSQL.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The superuser's password: URL-unsafe characters, so every URL also tests percent-decoding.</summary>
    public const string Password = "p@ss:w/rd%é ?#";

    private const string ServiceUser = "postgres";

    private readonly ConcurrentDictionary<string, Lazy<Task<SqlStorage>>> _storages = new();
    private string _directory = "";
    private string _binaries = "";
    private int _stopped;

    public int Port { get; private set; }

    /// <summary>The postmaster's process id while it runs.</summary>
    public int? ServerProcessId =>
        File.Exists(Path.Join(DataDirectory, "postmaster.pid")) && int.TryParse(File.ReadLines(Path.Join(DataDirectory, "postmaster.pid")).FirstOrDefault(), out var pid)
            ? pid
            : null;

    private string DataDirectory => Path.Join(_directory, "data");

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries(Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/lib/postgresql");
        _directory = Directory.CreateTempSubdirectory("mnm-pg-").FullName;
        Port = FreePort();
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await EnsureServiceUserAsync();
            await RunAsync("chown", [ServiceUser, _directory]);
        }

        await File.WriteAllTextAsync(Path.Join(_directory, "password"), Password + "\n");
        if (asRoot)
        {
            await RunAsync("chown", [ServiceUser, Path.Join(_directory, "password")]);
        }

        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        try
        {
            await RunServerToolAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth-local=trust",
                "--auth-host=scram-sha-256", "--pwfile=" + Path.Join(_directory, "password"));
            await RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Join(_directory, "server.log"), "-w", "-t", "60",
                "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A URL of <paramref name="database"/> as the superuser.</summary>
    public string Url(string database, string password = Password) =>
        $"postgresql://postgres:{Uri.EscapeDataString(password)}@127.0.0.1:{Port}/{database}";

    /// <summary>Creates <paramref name="database"/> if missing.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(DatabaseUrl.Parse(Url("postgres")).ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if ((long)(await exists.ExecuteScalarAsync())! == 0)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>One storage per database and options, opened on first use, for the whole run.</summary>
    public Task<SqlStorage> StorageAsync(string database, string prefix = "", string? schema = null) =>
        _storages.GetOrAdd($"{database}/{prefix}/{schema}", _ => new(async () =>
        {
            await CreateDatabaseAsync(database);
            return await SqlStorage.OpenAsync(Url(database), new SqlStorageOptions { TablePrefix = prefix, Schema = schema });
        })).Value;

    /// <summary>Runs one SQL statement in <paramref name="database"/> and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseUrl.Parse(Url(database)).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages.Values.Where(lazy => lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully))
        {
            await storage.Value.Result.DisposeAsync();
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        Stop();
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop();

    /// <summary>Stops the server once, then deletes the directory; when pg_ctl cannot, kills the postmaster it started.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _directory.Length == 0)
        {
            return;
        }

        if (ServerProcessId is not null)
        {
            try
            {
                RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-w", "-t", "30", "-m", "immediate", "stop").Wait(TimeSpan.FromSeconds(40));
            }
            catch (AggregateException)
            {
                // Killed below.
            }

            if (ServerProcessId is { } pid)
            {
                try
                {
                    Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>initdb and pg_ctl from PATH or, as Debian installs them, /usr/lib/postgresql/VERSION/bin (newest).</summary>
    internal static string FindBinaries(string path, string debianRoot)
    {
        var onPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(directory => File.Exists(Path.Join(directory, "initdb")) && File.Exists(Path.Join(directory, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(version => Path.Join(version, "bin"))
                .Where(bin => File.Exists(Path.Join(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin. "
            + "Install it (apt-get install postgresql; .ci/run does) to run the PostgreSQL store tests.");
    }

    private static async Task EnsureServiceUserAsync()
    {
        if (await RunAsync("id", ["-u", ServiceUser], check: false) != 0)
        {
            await RunAsync("useradd", ["-r", "-M", "-s", "/usr/sbin/nologin", ServiceUser]);
        }
    }

    private Task<int> RunServerToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Join(_binaries, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], _directory)
            : RunAsync(path, arguments, _directory);
    }

    /// <summary>Runs a program to its end; a failure (when checked) throws with what it printed.</summary>
    private static async Task<int> RunAsync(string program, string[] arguments, string? workingDirectory = null, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 || !check
            ? process.ExitCode
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
