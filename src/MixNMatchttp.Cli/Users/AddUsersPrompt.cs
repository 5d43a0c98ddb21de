using MixNMatchttp.Auth;

namespace MixNMatchttp.Cli.Users;

/// <summary>
/// <c>--add-users</c>: before the server starts, asks for users until a blank name (the original's prompts: name,
/// password — hidden, blank for a random one, printed once —, roles) and adds them to the users file, or to a
/// temporary one (0600) that lives as long as the server.
/// </summary>
internal sealed class AddUsersPrompt : IDisposable
{
    private readonly string? _temporaryFile;

    private AddUsersPrompt(string file, string? temporaryFile)
    {
        File = file;
        _temporaryFile = temporaryFile;
    }

    /// <summary>The users file the server loads.</summary>
    public string File { get; }

    public static AddUsersPrompt Run(string? usersFile, bool hashed, string? hashType)
    {
        var temporary = usersFile is null ? System.IO.Path.Join(System.IO.Path.GetTempPath(), $"mixnmatchttp-users-{Guid.NewGuid():N}.txt") : null;
        var prompt = new AddUsersPrompt(usersFile ?? temporary!, temporary);
        try
        {
            var type = UsersCommand.HashType(hashType, plain: !hashed);
            var editor = UsersFileEditor.Open(prompt.File, hashed);
            Console.Out.WriteLine("Creating users");
            while (Ask("Enter username (blank to quit): ") is { Length: > 0 } username)
            {
                var password = UsersCommand.ReadPassword(username);
                var roles = UsersCommand.SplitRoles(Ask("Enter comma-separated roles: "));
                try
                {
                    UsersCommand.Announce($"Created user {username}", editor.Add(username, password, roles, type));
                }
                catch (UsersFileException e)
                {
                    Console.Error.WriteLine($"mixnmatchttp: error: {e.Message}");
                }
            }

            editor.Save();
            return prompt;
        }
        catch (UsersFileException e)
        {
            prompt.Dispose();
            throw new IOException(e.Message, e);
        }
    }

    /// <summary>Removes the temporary users file, if one was made.</summary>
    public void Dispose()
    {
        if (_temporaryFile is not null)
        {
            System.IO.File.Delete(_temporaryFile);
        }
    }

    private static string? Ask(string question)
    {
        if (!Console.IsInputRedirected)
        {
            Console.Out.Write(question);
        }

        return Console.In.ReadLine()?.Trim();
    }
}
