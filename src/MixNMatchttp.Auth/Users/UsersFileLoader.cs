using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth;

/// <summary>
/// Loads a users file into the user store and re-loads it when it changes: users of the file are added or
/// replaced one by one (never a moment without users), users dropped from the file are removed, users
/// registered through /register stay. Bad lines are logged with their line numbers and skipped. A burst of
/// change events (an editor truncating, then writing) causes one reload, once the file has been quiet for
/// <see cref="Debounce"/>.
/// </summary>
internal sealed class UsersFileLoader : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly string _path;
    private readonly bool _hashed;
    private readonly PasswordPolicy? _policy;
    private readonly IUserStore _users;
    private readonly PasswordHasher _hasher;
    private readonly HashingLimiter _hashing;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string> _loaded = new(StringComparer.Ordinal);
    private int _changes;

    /// <summary>Loads <paramref name="path"/>, hashed or plaintext as <paramref name="options"/> say, checking plaintext
    /// passwords against the password policy unless <see cref="AuthOptions.UsersFilePasswordPolicy"/> is off.</summary>
    public UsersFileLoader(string path, AuthOptions options, IUserStore users, PasswordHasher hasher, HashingLimiter hashing, ILogger logger)
    {
        _path = Path.GetFullPath(path);
        if (!File.Exists(_path))
        {
            throw new MixConfigurationException($"The users file '{path}' does not exist.");
        }

        _hashed = options.UsersFileHashed;
        _policy = _hashed || !options.UsersFilePasswordPolicy ? null : options.PasswordPolicy;
        _users = users;
        _hasher = hasher;
        _hashing = hashing;
        _logger = logger;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => _ = ReloadWhenQuietAsync();
        _watcher.Created += (_, _) => _ = ReloadWhenQuietAsync();
        _watcher.Renamed += (_, _) => _ = ReloadWhenQuietAsync();
    }

    /// <summary>Raised after each load with the problems found (empty when none); for tests and tools.</summary>
    public event Action<IReadOnlyList<string>>? Loaded;

    /// <summary>Loads the file now and starts watching it.</summary>
    public async Task LoadAsync()
    {
        await ReloadAsync();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();

    /// <summary>Why a password of the file cannot be loaded, or null.</summary>
    private string? Problem(string password)
    {
        if (_hashed)
        {
            return PasswordHasher.Identify(password) is null ? "is not a hash in a supported format" : null;
        }

        return _hasher.CheckHashable(password) is { } unhashable ? $"cannot be used: {unhashable}"
            : _policy?.Check(password) is { } weak ? $"does not meet the password policy: {weak}"
            : null;
    }

    private async Task ReloadWhenQuietAsync()
    {
        var change = Interlocked.Increment(ref _changes);
        await Task.Delay(Debounce);
        if (change == Volatile.Read(ref _changes))
        {
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        await _gate.WaitAsync();
        try
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(_path);
            }
            catch (IOException e)
            {
                _logger.UsersFileUnreadable(_path, e.Message);
                return;
            }
            catch (UnauthorizedAccessException e)
            {
                _logger.UsersFileUnreadable(_path, e.Message);
                return;
            }

            var (entries, errors) = UsersFile.Parse(_path, lines);
            var loaded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (username, password, roles, line) in entries)
            {
                if (Problem(password) is { } problem)
                {
                    errors.Add($"{_path}:{line}: the password of '{username}' {problem}");
                    continue;
                }

                var hash = await _hashing.RunAsync(() => _hashed ? _hasher.WrapLegacyHash(password) : _hasher.Hash(password));
                await _users.UpsertAsync(new UserRecord(username, hash, roles), CancellationToken.None);
                loaded.Add(username);
            }

            foreach (var gone in _loaded.Except(loaded))
            {
                await _users.RemoveAsync(gone, CancellationToken.None);
            }

            _loaded = loaded;
            foreach (var error in errors)
            {
                _logger.BadUsersLine(error);
            }

            _logger.UsersLoaded(loaded.Count, _path);
            Loaded?.Invoke(errors);
        }
        finally
        {
            _gate.Release();
        }
    }
}
