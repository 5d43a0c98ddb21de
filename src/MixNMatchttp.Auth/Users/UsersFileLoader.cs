using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth;

/// <summary>
/// Loads a users file into the user store and re-loads it when it changes: users of the file are added or
/// replaced one by one (never a moment without users), users dropped from the file are removed; a line that has
/// not changed since the last load is not hashed again. Bad lines are logged with their line numbers and skipped.
/// A burst of change events (an editor truncating, then writing) causes one reload, once the file has been quiet
/// for <see cref="Debounce"/>. Registrations and password changes are written back (<see cref="CreateAsync"/>,
/// <see cref="UpdatePasswordHashAsync"/>) through <see cref="AtomicFile"/>, under the same lock as a reload, so
/// a reload never undoes them.
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
    private Dictionary<string, string> _loaded = new(StringComparer.Ordinal);
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

    /// <summary>Creates <paramref name="user"/> in the store and appends it to the file: true when created, false when
    /// the name is taken, null when the file could not be written (logged; nothing created).</summary>
    public async Task<bool?> CreateAsync(UserRecord user)
    {
        await _gate.WaitAsync();
        try
        {
            if (!await _users.TryCreateAsync(user, CancellationToken.None))
            {
                return false;
            }

            var password = UsersFile.HashField(user.PasswordHash, _hashed);
            var roles = string.Join(',', user.Roles);
            var text = UsersFile.Line(user.Username, password, roles);
            if (!TryRewrite(file =>
                {
                    file.Put(file.IndexOf(user.Username), text);
                    return true;
                }))
            {
                await _users.RemoveAsync(user.Username, CancellationToken.None);
                return null;
            }

            _loaded[user.Username] = Fingerprint(password, user.Roles);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces a user's password hash in the store and, when the user is one of the file's, in the file
    /// first: false when the file could not be written (logged; nothing changed).</summary>
    public async Task<bool> UpdatePasswordHashAsync(string username, string passwordHash)
    {
        await _gate.WaitAsync();
        try
        {
            var password = UsersFile.HashField(passwordHash, _hashed);
            var written = false;
            if (_loaded.ContainsKey(username) && !TryRewrite(file =>
                {
                    // A line the file no longer has is left alone: the next reload removes the user.
                    var index = file.IndexOf(username);
                    written = index >= 0;
                    if (written)
                    {
                        file.PutPassword(index, username, password);
                    }

                    return written;
                }))
            {
                return false;
            }

            await _users.UpdatePasswordHashAsync(username, passwordHash, CancellationToken.None);
            if (written && await _users.FindAsync(username, CancellationToken.None) is { } user)
            {
                _loaded[username] = Fingerprint(password, user.Roles);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What a line said, to tell whether it changed: a SHA-256 of the password field and the roles (no
    /// plaintext password is kept).</summary>
    private static string Fingerprint(string password, IEnumerable<string> roles) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password + "\n" + string.Join(',', roles))));

    /// <summary>Reads the file, lets <paramref name="edit"/> change its lines (false: leave the file alone) and writes
    /// it back atomically; false, logged, when it cannot be read (or is not UTF-8) or written.</summary>
    private bool TryRewrite(Func<UsersFileText, bool> edit)
    {
        try
        {
            var file = UsersFileText.Read(_path);
            if (edit(file))
            {
                AtomicFile.Write(_path, file.Text);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            _logger.UsersFileNotWritten(_path, e.Message);
            return false;
        }
    }

    /// <summary>Why a password field of the file cannot be loaded, or null.</summary>
    private string? Problem(string password, bool hashed)
    {
        if (hashed)
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
            var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (username, field, roles, line) in entries)
            {
                var fingerprint = Fingerprint(field, roles);
                if (_loaded.GetValueOrDefault(username) == fingerprint && await _users.FindAsync(username, CancellationToken.None) is not null)
                {
                    loaded[username] = fingerprint;
                    continue;
                }

                // A plaintext file holds hashes the server wrote after UsersFile.HashPrefix.
                var (hashed, password) = UsersFile.ReadField(field, _hashed);
                if (Problem(password, hashed) is { } problem)
                {
                    errors.Add($"{_path}:{line}: the password of '{username}' {problem}");
                    continue;
                }

                var hash = await _hashing.RunAsync(() => hashed ? _hasher.WrapLegacyHash(password) : _hasher.Hash(password));
                await _users.UpsertAsync(new UserRecord(username, hash, roles), CancellationToken.None);
                loaded[username] = fingerprint;
            }

            foreach (var gone in _loaded.Keys.Except(loaded.Keys))
            {
                await _users.RemoveAsync(gone, CancellationToken.None);
            }

            _loaded = loaded;
            foreach (var error in errors)
            {
                _logger.BadUsersLine(HttpSyntax.Printable(error));
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
