using System.Text.RegularExpressions;
using MixNMatchttp.Cli.Options;

namespace MixNMatchttp.Cli.Tests;

/// <summary><c>--help</c>: every option of the catalog under its group's title, with its default.</summary>
public sealed partial class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsEveryOptionUnderItsGroupWithItsDefault_ExitCode0(string flag)
    {
        using var dir = new TempDirectory();

        var (code, output, errors) = await CliProcess.RunAsync(dir.Path, flag);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, errors);
        Assert.StartsWith("Usage: mixnmatchttp ", output, StringComparison.Ordinal);
        foreach (var group in OptionCatalog.Groups)
        {
            var section = Section(output, group.Title);
            foreach (var option in group.Options)
            {
                Assert.Contains(option.Usage(), section, StringComparison.Ordinal);
                if (option.Default is { } value)
                {
                    Assert.Contains($"(default: {value})", section, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Help_WinsOverAnotherwiseBadCommandLine()
    {
        using var dir = new TempDirectory();

        var (code, output, errors) = await CliProcess.RunAsync(dir.Path, "--port", "abc", "--help");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, errors);
        Assert.Contains("CORS options:", output, StringComparison.Ordinal);
    }

    /// <summary>The lines from "TITLE:" to the next blank line, their wrapping undone (runs of spaces made one).</summary>
    private static string Section(string help, string title)
    {
        var lines = help.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(title + ":");
        Assert.True(start >= 0, $"no '{title}:' in the help");
        var body = lines.Skip(start + 1).TakeWhile(line => line.Length > 0);
        return Spaces().Replace(string.Join(' ', body), " ");
    }

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
