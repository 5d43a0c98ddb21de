using System.CommandLine;
using MixNMatchttp.Auth;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Serving;

namespace MixNMatchttp.Cli.Users;

/// <summary>
/// <c>mixnmatchttp users add|remove|passwd|list FILE [USERNAME]</c>: edits a users file in place, atomically (0600 when
/// new, permissions kept). Passwords are read hidden from the terminal, or a line from standard input; a blank one is
/// replaced by a random password, printed once.
/// </summary>
internal static class UsersCommand
{
    private static readonly string[] Actions = ["add", "remove", "passwd", "list"];

    public static Command Create()
    {
        var action = new Argument<string>("action") { Description = "add, remove, passwd or list" };
        action.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => !Actions.Contains(token.Value)))
            {
                result.AddError($"users: unknown action '{HttpSyntax.Printable(token.Value)}': add, remove, passwd or list");
            }
        });
        var file = new Argument<string>("file") { Description = "the users file" };
        var username = new Argument<string>("username") { Arity = ArgumentArity.ZeroOrOne, Description = "the user (not for list)" };
        var roles = new Option<string>("--roles") { Description = "comma-separated roles of the user added" };
        var hashType = new Option<string>("--hash-type") { Description = "hash format of the password (default: argon2id; plaintext in a --userfile-plain file)" };
        var plain = new Option<bool>("--userfile-plain") { Description = "the file holds cleartext passwords" };
        var command = new Command("users", "Add, remove, change the password of, or list the users of a users file.") { action, file, username, roles, hashType, plain };
        command.SetAction(result => CommandLine.Guard(() => Task.FromResult(Run(
            result.GetValue(action)!,
            result.GetValue(file)!,
            result.GetValue(username),
            result.GetValue(roles),
            result.GetValue(hashType),
            result.GetValue(plain)))));
        return command;
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
