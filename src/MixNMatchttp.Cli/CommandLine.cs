using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using MixNMatchttp.Cli.Lab;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Serving;
using MixNMatchttp.Cli.Settings;
using MixNMatchttp.Cli.Users;

namespace MixNMatchttp.Cli;

/// <summary>
/// The <c>mixnmatchttp</c> command: parses the command line, and reports every bad input as one line on stderr with exit
/// code 2 (usage) or 1 (start-up failure), never a stack trace.
/// </summary>
internal static class CommandLine
{
    public const int Usage = 2;
    public const int StartFailure = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var definition = new CommandDefinition();
        var action = new Argument<string>("action") { Arity = ArgumentArity.ZeroOrOne, Description = "start (default), stop, restart or status" };
        action.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => token.Value is not ("start" or "stop" or "restart" or "status")))
            {
                result.AddError(token.Value.StartsWith('-')
                    ? $"unknown option '{HttpSyntax.Printable(token.Value)}'"
                    : $"unknown action '{HttpSyntax.Printable(token.Value)}': start, stop, restart or status");
            }
        });
        var root = new RootCommand("mixnmatchttp") { action, UsersCommand.Create(), LabCommand.Create(args) };
        foreach (var option in definition.Options)
        {
            root.Options.Add(option);
        }

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new WriteHelp();
        }

        root.SetAction((result, cancellation) => Guard(() => ServeCommand.RunAsync(Settings(definition, result), result.GetValue(action) ?? "start", args, cancellation)));
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0 && parsed.Action is not WriteHelp)
        {
            return Fail(Usage, [SettingReader.Printable(parsed.Errors[0].Message) + " (see mixnmatchttp --help)"]);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>The command line's settings over the configuration file's, and how to save them (<c>--save-config</c>)
    /// once they have been checked.</summary>
    internal static SettingSources Settings(CommandDefinition definition, ParseResult result)
    {
        var commandLine = definition.Settings(result);
        var configPath = commandLine["config"]?.GetValue<string>();
        var saveConfig = commandLine["save-config"]?.GetValue<bool>() == true;
        ConfigFile? file = null;
        if (configPath is not null && (!saveConfig || File.Exists(configPath)))
        {
            file = ConfigFile.Load(configPath);
        }

        if (saveConfig && configPath is null)
        {
            throw new UsageException("--save-config: needs --config FILE");
        }

        var saved = file?.Written.DeepClone().AsObject() ?? [];
        foreach (var (setting, value) in commandLine.Where(entry => OptionCatalog.FileSettings.Contains(entry.Key)))
        {
            saved[setting] = value?.DeepClone();
        }

        return new SettingSources(new SettingReader(commandLine, file?.Expanded), saveConfig ? () => ConfigFile.Save(configPath!, saved) : () => { });
    }

    /// <summary>Runs an action, turning its failures into one-line errors and the exit code.</summary>
    public static async Task<int> Guard(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (UsageException e)
        {
            return Fail(Usage, e.Problems);
        }
        catch (MixConfigurationException e)
        {
            return Fail(Usage, [.. e.Problems.Select(OptionNames.Translate)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(StartFailure, [e.Message]);
        }
    }

    private static int Fail(int code, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"mixnmatchttp: error: {problem.ReplaceLineEndings(" ")}");
        }

        return code;
    }

    private sealed class WriteHelp : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.Write(HelpWriter.Text());
            return 0;
        }
    }
}
