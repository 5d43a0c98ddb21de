using System.Text;

namespace MixNMatchttp.Cli.Options;

/// <summary>Writes <c>--help</c>: the usage lines, then every option group of the catalog, each option with its names,
/// a one-line help and its default.</summary>
internal static class HelpWriter
{
    private const int UsageWidth = 36;
    private const int LineWidth = 110;

    public static string Text()
    {
        var help = new StringBuilder();
        help.AppendLine("Usage: mixnmatchttp [start|stop|restart|status] [options]");
        help.AppendLine("       mixnmatchttp users add|remove|passwd|list FILE [USERNAME] [options]");
        help.AppendLine("       mixnmatchttp lab [options]");
        help.AppendLine();
        help.AppendLine("A test server for web-security labs: serves the current directory (or --root) with a directory listing");
        help.AppendLine("on http://127.0.0.1:58080, plus whichever of authentication, CORS, the page cache, the open redirect");
        help.AppendLine("and request logs the options turn on. start (the default) serves in the foreground unless --daemon;");
        help.AppendLine("stop, restart and status act on the daemon named by --pidfile.");
        foreach (var group in OptionCatalog.Groups)
        {
            help.AppendLine().Append(group.Title).AppendLine(":");
            foreach (var option in group.Options)
            {
                Row(help, option.Usage(), option.Default is null ? option.Help : $"{option.Help} (default: {option.Default})");
            }
        }

        help.AppendLine().AppendLine("Users command (edits FILE atomically; the password is read hidden, or a line from standard input; blank = random, printed once):");
        Row(help, "users add FILE USERNAME", "Add a user; --roles A,B sets its roles.");
        Row(help, "users passwd FILE USERNAME", "Change a user's password.");
        Row(help, "users remove FILE USERNAME", "Remove a user.");
        Row(help, "users list FILE", "List the users: name, hash type, roles.");
        Row(help, "--hash-type TYPE", "Hash format of the password. (default: argon2id; plaintext with --userfile-plain)");
        Row(help, "--userfile-plain", "FILE holds cleartext passwords.");

        help.AppendLine().AppendLine("Lab command (the options above; docs/labs.md):");
        Row(help, "lab", "Serve the browser labs from one process: the target https://127.0.0.1:58443 and the attackers' https://localhost:58444 and http://127.0.0.1:58081 (--listen replaces them, the target first).");

        help.AppendLine().AppendLine("Other options:");
        Row(help, "-h, --help", "Show this help.");
        Row(help, "--version", "Show the version.");
        return help.ToString();
    }

    private static void Row(StringBuilder help, string usage, string text)
    {
        help.Append("  ").Append(usage);
        if (usage.Length + 2 > UsageWidth)
        {
            help.AppendLine().Append(' ', UsageWidth + 2);
        }
        else
        {
            help.Append(' ', UsageWidth - usage.Length);
        }

        var column = UsageWidth + 2;
        foreach (var word in text.Split(' '))
        {
            if (column + word.Length > LineWidth && column > UsageWidth + 2)
            {
                help.AppendLine().Append(' ', UsageWidth + 2);
                column = UsageWidth + 2;
            }
            else if (column > UsageWidth + 2)
            {
                help.Append(' ');
                column++;
            }

            help.Append(word);
            column += word.Length;
        }

        help.AppendLine();
    }
}
