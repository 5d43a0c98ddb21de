using System.Text.RegularExpressions;

namespace MixNMatchttp.Cli.Tests;

/// <summary>What every usage error must look like: exit code 2, nothing on standard output, and exactly one line on
/// standard error that starts <c>mixnmatchttp: error: </c>, names the option in command-line terms, holds no control
/// character, no library name and no stack trace.</summary>
internal static partial class UsageError
{
    /// <summary>Asserts <paramref name="run"/> is one such line naming <paramref name="option"/>; returns the line.</summary>
    public static string AssertOneLine((int ExitCode, string Output, string Errors) run, string option)
    {
        var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{run.Errors}");
        var line = lines[0];
        Assert.StartsWith("mixnmatchttp: error: ", line, StringComparison.Ordinal);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.DoesNotMatch(LibraryName(), line);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        return line;
    }

    /// <summary>A library type or member (<c>CorsOptions.Origins</c>, <c>MixServerOptions</c>, <c>AllowOrigin = List</c>)
    /// or an exception's name: none belongs in a command-line message.</summary>
    [GeneratedRegex(@"\b[A-Z]\w*(Options|Exception)\b|\bMix[A-Z]\w*|\bAllowOrigin\b|\bCorsOrigin\b|\bat \w+\.\w+")]
    private static partial Regex LibraryName();
}
