using System.Text.Json.Nodes;

namespace MixNMatchttp.Cli.Options;

/// <summary>
/// One command-line option: its names, its help, and the setting it writes. Several options may write one setting
/// (<c>--ssl</c> and <c>--no-ssl</c>); the last one given wins. A setting's name is its positive option's long name
/// without the dashes, which is also its key in a configuration file.
/// </summary>
internal sealed record OptionSpec(string Name, string? ShortName, OptionShape Shape, string Help)
{
    /// <summary>The setting written; default: <see cref="Name"/> without the dashes.</summary>
    public string Setting { get; init; } = Name.TrimStart('-');

    /// <summary>The value's name in the help (<c>FILE</c>).</summary>
    public string? ValueName { get; init; }

    /// <summary>The default as the help shows it; null when the option has none worth showing.</summary>
    public string? Default { get; init; }

    /// <summary>What a flag sets: setting → value. Default: its setting → true.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>>? Sets { get; init; }

    /// <summary>The value of an <see cref="OptionShape.OptionalValue"/> given without one.</summary>
    public string? ImpliedValue { get; init; }

    /// <summary>The only values accepted (compared case-insensitively), or null.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Whether a list may be given with no value at all (<c>--allowed-origins</c> alone allows none).</summary>
    public bool AllowsEmptyList { get; init; }

    /// <summary>An environment variable read when neither the command line nor the configuration file sets it; such a
    /// value is never written to a configuration file.</summary>
    public string? Environment { get; init; }

    /// <summary>Whether <c>--save-config</c> writes this setting.</summary>
    public bool Saved { get; init; } = true;

    /// <summary>The names as the help lists them: <c>-p, --port PORT</c>.</summary>
    public string Usage()
    {
        var names = ShortName is null ? Name : $"{ShortName}, {Name}";
        return Shape switch
        {
            OptionShape.Flag => names,
            OptionShape.Value => $"{names} {ValueName}",
            OptionShape.OptionalValue => $"{names} [{ValueName}]",
            OptionShape.List => $"{names} {ValueName}…",
            _ => $"{names} COMPONENT [FILE]",
        };
    }

    /// <summary>What the flag sets.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> FlagSettings() => Sets ?? [new(Setting, JsonValue.Create(true))];
}
