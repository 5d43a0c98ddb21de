using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// Edits a users file (the format <see cref="AuthOptions.UsersFile"/> loads) for a command-line tool: lists its users,
/// adds and removes users, changes passwords and roles, and saves it atomically. Edits are made in memory;
/// <see cref="Save"/> writes them through a temporary file renamed over the original (a new file is created 0600, an
/// existing one keeps its permissions), and refuses when the file changed since it was read (the server writes it too:
/// registrations, password changes). Every line no edit touches stays as it was, comments and lines that do not parse
/// included. A refusal or failure is a <see cref="UsersFileException"/> with a one-line message, and a refused edit
/// changes nothing. Not thread-safe.
/// </summary>
public sealed class UsersFileEditor
{
    private readonly PasswordHasher _hasher;
    private readonly UsersFileText _file;

    /// <summary>The file's text as read or last saved; null when there was no file.</summary>
    private string? _saved;

    private UsersFileEditor(string path, bool hashed, PasswordHasher hasher, string? text)
    {
        FilePath = path;
        Hashed = hashed;
        _hasher = hasher;
        _saved = text;
        _file = new UsersFileText(text ?? string.Empty);
    }

    /// <summary>The file, as given to <see cref="Open"/>.</summary>
    public string FilePath { get; }

    /// <summary>Whether the file holds hashes (<see cref="AuthOptions.UsersFileHashed"/>) rather than plaintext passwords.</summary>
    public bool Hashed { get; }

    /// <summary>The users, in the order of the file, as the server loads them (a name listed twice: the first line).</summary>
    public IReadOnlyList<UsersFileEntry> Users =>
        [.. _file.Parse(FilePath).Users.Select(u => new UsersFileEntry(u.Username, u.Roles, HashTypeOf(u.Password), u.Line))];

    /// <summary>The users as a server loads them into a user store (<c>mixnmatchttp users import</c>): hashes as they are,
    /// plaintext passwords hashed with the editor's hasher (Argon2id by default). A user whose field is not a hash of a
    /// supported format is left out (its <see cref="UsersFileEntry.HashType"/> is null).</summary>
    public IReadOnlyList<UserRecord> ToRecords() =>
        [.. _file.Parse(FilePath).Users.Where(u => HashTypeOf(u.Password) is not null).Select(u => new UserRecord(u.Username, StoredHash(u.Password), u.Roles))];

    /// <summary>The lines that do not give a user, one line each with the file name and line number (as the server logs
    /// them); they are kept as they are.</summary>
    public IReadOnlyList<string> Problems => _file.Parse(FilePath).Errors;

    /// <summary>Test seam: called with the temporary file's path just before <see cref="Save"/> renames it.</summary>
    internal Action<string>? BeforeRename { get; set; }

    /// <summary>
    /// Opens the users file at <paramref name="path"/>; a file that does not exist is empty, and <see cref="Save"/> creates
    /// it. <paramref name="hashed"/> says whether it holds hashes (<see cref="AuthOptions.UsersFileHashed"/>) or plaintext
    /// passwords; <paramref name="hasher"/> gives the Argon2id, bcrypt and PBKDF2 parameters of new hashes (default:
    /// those of <see cref="PasswordHashingOptions"/>).
    /// </summary>
    /// <exception cref="UsersFileException">The file cannot be read, or is not UTF-8 text.</exception>
    public static UsersFileEditor Open(string path, bool hashed, PasswordHasher? hasher = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new UsersFileEditor(path, hashed, hasher ?? new PasswordHasher(new PasswordHashingOptions()), ReadText(path));
    }

    /// <summary>
    /// Adds <paramref name="username"/> at the end of the file with <paramref name="roles"/> and
    /// <paramref name="password"/> stored as <paramref name="type"/> (see <see cref="ChangePassword"/>).
    /// </summary>
    /// <returns>The password generated when <paramref name="password"/> is null (<see cref="RandomPassword"/>), to be shown
    /// once; null otherwise.</returns>
    /// <exception cref="UsersFileException">The name is invalid or taken, a role is invalid, or the password cannot be
    /// stored as <paramref name="type"/>.</exception>
    public string? Add(string username, string? password, IEnumerable<string>? roles, PasswordHashType type)
    {
        CheckName(username);
        if (Find(username) is { } user)
        {
            throw new UsersFileException($"the user '{username}' already exists (line {user.Line} of {Printable(FilePath)})");
        }

        var rolesText = RolesText(roles);
        var (field, generated) = Field(password, type);
        _file.Put(-1, UsersFile.Line(username, field, rolesText));
        return generated;
    }

    /// <summary>
    /// Replaces the password of <paramref name="username"/>, keeping the roles as written. The password is stored as
    /// <paramref name="type"/>: hashed with a fresh salt (in a plaintext file after <c>{hash}</c>, as the server writes
    /// hashes there), or as it is for <see cref="PasswordHashType.Plaintext"/>, which only a plaintext file can hold.
    /// </summary>
    /// <returns>The password generated when <paramref name="password"/> is null, to be shown once; null otherwise.</returns>
    /// <exception cref="UsersFileException">The name is invalid, there is no such user, or the password cannot be stored
    /// as <paramref name="type"/>.</exception>
    public string? ChangePassword(string username, string? password, PasswordHashType type)
    {
        var user = Existing(username);
        var (field, generated) = Field(password, type);
        _file.PutPassword(user.Line - 1, username, field);
        return generated;
    }

    /// <summary>Replaces the roles of <paramref name="username"/> (none: an empty list), keeping the password.</summary>
    /// <exception cref="UsersFileException">The name is invalid, there is no such user, or a role is invalid.</exception>
    public void SetRoles(string username, IEnumerable<string> roles)
    {
        var user = Existing(username);
        _file.Put(user.Line - 1, UsersFile.Line(username, user.Password, RolesText(roles)));
    }

    /// <summary>Removes every line of <paramref name="username"/> (a line of that name that does not parse too).</summary>
    /// <exception cref="UsersFileException">The name is invalid, or no line has it.</exception>
    public void Remove(string username)
    {
        CheckName(username);
        if (_file.RemoveAll(username) == 0)
        {
            throw new UsersFileException($"there is no user '{username}' in {Printable(FilePath)}");
        }
    }

    /// <summary>Writes the file atomically: a temporary file in the same directory, flushed to disk, renamed over the
    /// original. A crash or a failure leaves the original as it was.</summary>
    /// <exception cref="UsersFileException">The file changed (or appeared) since it was read, or cannot be written.</exception>
    public void Save()
    {
        if (ReadText(FilePath) != _saved)
        {
            throw new UsersFileException($"the users file {Printable(FilePath)} changed since it was read; nothing was written");
        }

        var text = _file.Text;
        try
        {
            AtomicFile.Write(FilePath, text, BeforeRename);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsersFileException($"cannot write the users file {Printable(FilePath)}: {Printable(e.Message)}", e);
        }

        _saved = text;
    }

    /// <summary>The text of <paramref name="path"/>, or null when there is no such file.</summary>
    private static string? ReadText(string path)
    {
        try
        {
            return UsersFileText.ReadText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DecoderFallbackException e)
        {
            throw new UsersFileException($"cannot read the users file {Printable(path)}: it is not UTF-8 text", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsersFileException($"cannot read the users file {Printable(path)}: {Printable(e.Message)}", e);
        }
    }

    private static string Printable(string text) => HttpSyntax.Printable(text);

    private static void CheckName(string username)
    {
        if (UserNames.Problem(username) is { } problem)
        {
            throw new UsersFileException(problem);
        }
    }

    /// <summary>The line of <paramref name="username"/> that counts, or null.</summary>
    private (string Username, string Password, string[] Roles, int Line)? Find(string username) =>
        _file.Parse(FilePath).Users.FirstOrDefault(u => u.Username == username) is { Username: not null } user ? user : null;

    private (string Username, string Password, string[] Roles, int Line) Existing(string username)
    {
        CheckName(username);
        return Find(username) ?? throw new UsersFileException($"there is no user '{username}' in {Printable(FilePath)}");
    }

    private static string RolesText(IEnumerable<string>? roles)
    {
        var list = roles?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (list.Select(RoleNames.Problem).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new UsersFileException(problem);
        }

        return string.Join(',', list);
    }

    /// <summary>The password field for <paramref name="password"/> (a random one when null) stored as
    /// <paramref name="type"/>, and the generated password.</summary>
    private (string Field, string? Generated) Field(string? password, PasswordHashType type)
    {
        if (Hashed && type == PasswordHashType.Plaintext)
        {
            throw new UsersFileException($"the users file {Printable(FilePath)} holds hashes: choose a hash type, not plaintext");
        }

        var generated = password is null ? RandomPassword.Create() : null;
        password ??= generated!;
        if (PasswordHasher.CheckHashable(password, type) is { } problem)
        {
            throw new UsersFileException(problem);
        }

        if (type != PasswordHashType.Plaintext)
        {
            return (UsersFile.HashField(_hasher.Hash(password, type), Hashed), generated);
        }

        return password.AsSpan().ContainsAny('\r', '\n') || password.StartsWith(UsersFile.HashPrefix, StringComparison.Ordinal)
            ? throw new UsersFileException($"a plaintext password may not contain a line break nor start with '{UsersFile.HashPrefix}'")
            : (password, generated);
    }

    private string StoredHash(string field) => UsersFile.ReadField(field, Hashed) is (true, var hash) ? hash : _hasher.Hash(field);

    private PasswordHashType? HashTypeOf(string field) =>
        UsersFile.ReadField(field, Hashed) is (true, var hash) ? PasswordHasher.Identify(hash) : PasswordHashType.Plaintext;
}
