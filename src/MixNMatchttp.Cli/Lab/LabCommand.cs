using System.CommandLine;
using MixNMatchttp.Cli.Options;
using MixNMatchttp.Cli.Serving;

namespace MixNMatchttp.Cli.Lab;

/// <summary>
/// <c>mixnmatchttp lab [OPTIONS]</c>: the browser labs, served from one process on several origins (the target and the
/// attackers' pages); it takes every option of the main command (docs/labs.md).
/// </summary>
internal static class LabCommand
{
    public static Command Create(IReadOnlyList<string> args)
    {
        var definition = new CommandDefinition();
        var command = new Command("lab", "Serve the browser labs (same-origin/CORS matrix, CSRF, open redirect + cache, CORS policies) on several origins at once; takes every option of the main command.");
        foreach (var option in definition.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellation) => CommandLine.Guard(() =>
            ServeCommand.RunAsync(CommandLine.Settings(definition, result), "start", args, cancellation, new LabVariant())));
        return command;
    }
}
