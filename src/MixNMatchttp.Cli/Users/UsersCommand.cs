using System.CommandLine;
using MixNMatchttp.Auth;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Serving;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Cli.Users;

/// <summary>
/// <c>mixnmatchttp users add|remove|passwd|list FILE [USERNAME]</c>: edits a users file in place, atomically (0600 when
/// new, permissions kept). Passwords are read hidden from the terminal, or a line from standard input; a blank one is
/// replaced by a random password, printed once. <c>users import FILE --users-dburl URL</c> copies a users file's users
/// into a users database (plaintext passwords hashed), replacing users of the same name.
/// </summary>
internal static class UsersCommand
{
    private static readonly string[] Actions = ["add", "remove", "passwd", "list", "import"];

    public static Command Create()
    {
        var action = new Argument<string>("action") { Description = "add, remove, passwd, list or import" };
        action.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => !Actions.Contains(token.Value)))
            {
                result.AddError($"users: unknown action '{HttpSyntax.Printable(token.Value)}': add, remove, passwd, list or import");
            }
        });
        var file = new Argument<string>("file") { Description = "the users file" };
        var username = new Argument<string>("username") { Arity = ArgumentArity.ZeroOrOne, Description = "the user (not for list and import)" };
        var roles = new Option<string>("--roles") { Description = "comma-separated roles of the user added" };
        var hashType = new Option<string>("--hash-type") { Description = "hash format of the password (default: argon2id; plaintext in a --userfile-plain file)" };
        var plain = new Option<bool>("--userfile-plain") { Description = "the file holds cleartext passwords" };
        var database = new Option<string>("--users-dburl") { Description = $"import: the users database (sqlite:///FILE, postgresql://…); or set {OptionCatalog.UsersDbUrlVariable}" };
        var command = new Command("users", "Add, remove, change the password of, or list the users of a users file; import them into a users database.") { action, file, username, roles, hashType, plain, database };
        command.SetAction((result, cancellation) => CommandLine.Guard(() => result.GetValue(action) == "import"
            ? ImportAsync(result.GetValue(file)!, result.GetValue(plain), result.GetValue(database), cancellation)
            : Task.FromResult(Run(
                result.GetValue(action)!,
                result.GetValue(file)!,
                result.GetValue(username),
                result.GetValue(roles),
                result.GetValue(hashType),
                result.GetValue(plain)))));
        return command;
    }

    /// <summary>Copies the users of <paramref name="file"/> into the users database, replacing users of the same name.</summary>
    private static async Task<int> ImportAsync(string file, bool plain, string? url, CancellationToken cancellation)
    {
        url ??= Environment.GetEnvironmentVariable(OptionCatalog.UsersDbUrlVariable) is { Length: > 0 } variable ? variable
            : throw new UsageException($"users import: needs --users-dburl URL (or {OptionCatalog.UsersDbUrlVariable})");
        if (StoreUrls.Problem(url, sql: true, redis: false) is { } urlProblem)
        {
            throw new UsageException("--users-dburl: " + urlProblem);
        }

        if (!File.Exists(file))
        {
            throw new IOException($"the users file {SettingReader.Printable(file)} does not exist");
        }

        IReadOnlyList<UserRecord> users;
        UsersFileEditor editor;
        try
        {
            editor = UsersFileEditor.Open(file, hashed: !plain);
            users = editor.ToRecords();
        }
        catch (UsersFileException e)
        {
            throw new IOException(e.Message, e);
        }

        foreach (var problem in editor.Problems)
        {
            Console.Error.WriteLine($"mixnmatchttp: warning: {problem}");
        }

        await using var storage = await OpenAsync(url, cancellation);
        foreach (var user in users)
        {
            await storage.Users.UpsertAsync(user, cancellation);
        }

        var skipped = editor.Users.Count - users.Count;
        Console.Out.WriteLine($"imported {users.Count} user(s) into {storage.Url.Redacted}" + (skipped > 0 ? $"; {skipped} left out (their password field is not a supported hash)" : string.Empty));
        return 0;
    }

    private static async Task<SqlStorage> OpenAsync(string url, CancellationToken cancellation)
    {
        try
        {
            return await SqlStorage.OpenAsync(url, null, cancellation);
        }
        catch (MixConfigurationException e)
        {
            throw new IOException("--users-dburl: " + string.Join("; ", e.Problems), e);
        }
    }

    private static int Run(string action, string file, string? username, string? roles, string? hashType, bool plain)
    {
        if (action != "list" && string.IsNullOrEmpty(username))
        {
            throw new UsageException($"users {action}: needs a USERNAME after the file");
        }

        var type = HashType(hashType, plain);
        try
        {
            var editor = UsersFileEditor.Open(file, hashed: !plain);
            switch (action)
            {
                case "list":
                    foreach (var problem in editor.Problems)
                    {
                        Console.Error.WriteLine($"mixnmatchttp: warning: {problem}");
                    }

                    foreach (var user in editor.Users)
                    {
                        Console.Out.WriteLine($"{user.Username}\t{(user.HashType is { } stored ? PasswordHashNames.Of(stored) : "unknown")}\t{string.Join(',', user.Roles)}");
                    }

                    return 0;
                case "add":
                    Announce($"added {username}", editor.Add(username!, ReadPassword(username!), SplitRoles(roles), type));
                    break;
                case "passwd":
                    Announce($"changed the password of {username}", editor.ChangePassword(username!, ReadPassword(username!), type));
                    break;
                default:
                    editor.Remove(username!);
                    Console.Out.WriteLine($"removed {username}");
                    break;
            }

            editor.Save();
            return 0;
        }
        catch (UsersFileException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    /// <summary>The hash type named, or the file's default: argon2id, plaintext in a cleartext file.</summary>
    public static PasswordHashType HashType(string? name, bool plain) =>
        name is null ? (plain ? PasswordHashType.Plaintext : PasswordHashType.Argon2id)
        : PasswordHashNames.TryParse(name, out var type) ? type
        : throw new UsageException($"--hash-type: '{HttpSyntax.Printable(name)}' is not one of {string.Join(", ", OptionCatalog.HashTypes)}");

    public static string[] SplitRoles(string? roles) => roles?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The password typed (hidden) or piped; null when blank, for a random one.</summary>
    public static string? ReadPassword(string username) =>
        SecretInput.Read($"Password for {username} (blank for a random one): ") is { Length: > 0 } password ? password : null;

    /// <summary>Prints what was done, and a generated password once.</summary>
    public static void Announce(string done, string? generated) =>
        Console.Out.WriteLine(generated is null ? done : $"{done} with the password {generated}");
}
