using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// The text of a users file as lines, for edits that leave every other line as it was, byte for byte: comments, lines
/// that do not parse, line endings (a new line takes the first line's: LF or CRLF) and a byte order mark. The file
/// must be UTF-8: one that is not is refused (<see cref="DecoderFallbackException"/>) rather than rewritten with
/// replacement characters.
/// </summary>
internal sealed class UsersFileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>The lines, split at '\n' (a line may end with its '\r'); the last is what follows the final newline.</summary>
    private readonly List<string> _lines;
    private readonly bool _byteOrderMark;

    /// <summary>The lines of <paramref name="text"/>, a users file's content.</summary>
    public UsersFileText(string text)
    {
        _byteOrderMark = text.StartsWith(ByteOrderMark);
        _lines = [.. (_byteOrderMark ? text[1..] : text).Split('\n')];
    }

    /// <summary>The file's current text, as it is to be written.</summary>
    public string Text => (_byteOrderMark ? ByteOrderMark.ToString() : string.Empty) + string.Join('\n', _lines);

    /// <summary>Reads <paramref name="path"/> (see <see cref="ReadText"/>).</summary>
    public static UsersFileText Read(string path) => new(ReadText(path));

    /// <summary>The text of <paramref name="path"/>; throws <see cref="IOException"/> (<see cref="FileNotFoundException"/>
    /// for a missing file), <see cref="UnauthorizedAccessException"/> or <see cref="DecoderFallbackException"/> (not UTF-8).</summary>
    public static string ReadText(string path) => StrictUtf8.GetString(File.ReadAllBytes(path));

    /// <summary>The users and the problems of the lines (see <see cref="UsersFile.Parse"/>).</summary>
    public (List<(string Username, string Password, string[] Roles, int Line)> Users, List<string> Errors) Parse(string path) =>
        UsersFile.Parse(path, _lines);

    /// <summary>The index of the line of <paramref name="username"/> that counts (the first that parses), or -1.</summary>
    public int IndexOf(string username) =>
        Parse(string.Empty).Users.FirstOrDefault(u => u.Username == username) is { Username: not null } user ? user.Line - 1 : -1;

    /// <summary>Puts <paramref name="line"/> at <paramref name="index"/>, or after the last line when the index is -1,
    /// in the file's line ending.</summary>
    public void Put(int index, string line)
    {
        var ending = _lines[0].EndsWith('\r') ? "\r" : string.Empty;
        if (index >= 0)
        {
            _lines[index] = line + ending;
        }
        else if (_lines[^1].Length == 0)
        {
            _lines.Insert(_lines.Count - 1, line + ending);
        }
        else
        {
            _lines[^1] += ending;
            _lines.Add(line + ending);
            _lines.Add(string.Empty);
        }
    }

    /// <summary>Replaces the password field of the line at <paramref name="index"/>, a line of
    /// <paramref name="username"/>, keeping its roles as written.</summary>
    public void PutPassword(int index, string username, string password) =>
        Put(index, UsersFile.Line(username, password, UsersFile.RolesText(_lines[index])));

    /// <summary>Removes every line of <paramref name="username"/> (those that do not parse too); how many there were.</summary>
    public int RemoveAll(string username)
    {
        var removed = _lines.RemoveAll(line => UsersFile.Username(line) == username);
        if (_lines.Count == 0)
        {
            _lines.Add(string.Empty);
        }

        return removed;
    }
}
