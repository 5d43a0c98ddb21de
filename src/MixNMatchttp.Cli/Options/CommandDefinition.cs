using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json.Nodes;
using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Cli.Options;

/// <summary>
/// The catalog's options as System.CommandLine options, and what a parsed command line sets: one JSON object of
/// settings, the last option given winning where several write one setting.
/// </summary>
internal sealed class CommandDefinition
{
    private readonly Dictionary<OptionSpec, Option> _options = [];

    public CommandDefinition()
    {
        foreach (var spec in OptionCatalog.All)
        {
            _options[spec] = Create(spec);
        }
    }

    public IEnumerable<Option> Options => _options.Values;

    /// <summary>The settings <paramref name="result"/> gives, in the order given.</summary>
    public JsonObject Settings(ParseResult result)
    {
        var assignments = new List<(int Position, string Setting, JsonNode? Value)>();
        foreach (var (spec, option) in _options)
        {
            if (result.GetResult(option) is not { Implicit: false } given)
            {
                continue;
            }

            var position = LastPosition(result.Tokens, spec);
            switch (spec.Shape)
            {
                case OptionShape.Flag:
                    assignments.AddRange(spec.FlagSettings().Select(set => (position, set.Key, (JsonNode?)set.Value.DeepClone())));
                    break;
                case OptionShape.Value:
                    assignments.Add((position, spec.Setting, JsonValue.Create(given.Tokens[^1].Value)));
                    break;
                case OptionShape.OptionalValue:
                    assignments.Add((position, spec.Setting, JsonValue.Create(given.Tokens.Count == 0 ? spec.ImpliedValue : given.Tokens[^1].Value)));
                    break;
                case OptionShape.List:
                    assignments.Add((position, spec.Setting, new JsonArray([.. given.Tokens.Select(token => JsonValue.Create(token.Value))])));
                    break;
                default:
                    assignments.Add((position, spec.Setting, ComponentLogs(result.Tokens, spec)));
                    break;
            }
        }

        var settings = new JsonObject();
        foreach (var (_, setting, value) in assignments.OrderBy(assignment => assignment.Position))
        {
            settings[setting] = value;
        }

        return settings;
    }

    private static Option Create(OptionSpec spec)
    {
        string[] aliases = spec.ShortName is null ? [] : [spec.ShortName];
        Option option = spec.Shape switch
        {
            OptionShape.Flag => new Option<bool>(spec.Name, aliases) { Arity = ArgumentArity.Zero },
            OptionShape.Value => new Option<string>(spec.Name, aliases) { Arity = ArgumentArity.ExactlyOne },
            OptionShape.OptionalValue => new Option<string>(spec.Name, aliases) { Arity = ArgumentArity.ZeroOrOne },
            OptionShape.List => new Option<string[]>(spec.Name, aliases)
            {
                Arity = spec.AllowsEmptyList ? ArgumentArity.ZeroOrMore : ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = true,
            },
            _ => new Option<string[]>(spec.Name, aliases) { Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true },
        };
        option.Description = spec.Help;
        if (spec.Shape is OptionShape.Value or OptionShape.OptionalValue)
        {
            option.Validators.Add(result =>
            {
                if (result.IdentifierTokenCount > 1)
                {
                    result.AddError($"{spec.Name}: given {result.IdentifierTokenCount} times; give it once");
                }
            });
        }

        if (spec.Choices is { } choices)
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(token => !choices.Contains(token.Value, StringComparer.OrdinalIgnoreCase)))
                {
                    result.AddError($"{spec.Name}: '{SettingReader.Printable(token.Value)}' is not one of {string.Join(", ", choices)}");
                }
            });
        }

        return option;
    }

    private static int LastPosition(IReadOnlyList<Token> tokens, OptionSpec spec)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens[i].Type == TokenType.Option && Names(spec, tokens[i].Value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Each occurrence's component and optional file: the one or two arguments after the option.</summary>
    private static JsonArray ComponentLogs(IReadOnlyList<Token> tokens, OptionSpec spec)
    {
        var logs = new JsonArray();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option || !Names(spec, tokens[i].Value))
            {
                continue;
            }

            var log = new JsonArray();
            for (var j = i + 1; j < tokens.Count && j <= i + 2 && tokens[j].Type == TokenType.Argument; j++)
            {
                log.Add(JsonValue.Create(tokens[j].Value));
            }

            logs.Add(log);
        }

        return logs;
    }

    private static bool Names(OptionSpec spec, string name) => name == spec.Name || name == spec.ShortName;
}
