using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MixNMatchttp.Cli.Options;

namespace MixNMatchttp.Cli.Settings;

/// <summary>
/// Reads settings as the command line, then the configuration file, then the environment give them, converting each
/// to its type; a value that does not convert is a problem line naming the option (<c>--port: …</c>).
/// </summary>
internal sealed class SettingReader(JsonObject commandLine, JsonObject? file)
{
    /// <summary>The most characters of a value a problem line shows.</summary>
    public const int MaxShown = 200;

    public List<string> Problems { get; } = [];

    /// <summary>Whether the command line or the configuration file sets <paramref name="setting"/>.</summary>
    public bool IsSet(string setting) => Node(setting) is not null;

    public string? Text(string setting, string? environment = null)
    {
        switch (Node(setting))
        {
            case null:
                return environment is null ? null : Environment.GetEnvironmentVariable(environment) is { Length: > 0 } variable ? variable : null;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number:
                return value.ToString();
            default:
                Problems.Add($"{Name(setting)}: expected a text value");
                return null;
        }
    }

    public bool Flag(string setting, bool fallback)
    {
        switch (Node(setting))
        {
            case null:
                return fallback;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case JsonValue value when value.TryGetValue<string>(out var text) && bool.TryParse(text, out var flag):
                return flag;
            default:
                Problems.Add($"{Name(setting)}: expected true or false");
                return fallback;
        }
    }

    public int? Number(string setting, int min, int max)
    {
        if (Text(setting) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Problems.Add($"{Name(setting)}: expected a whole number from {min} to {max}, not '{Printable(text)}'");
        return null;
    }

    /// <summary>One of the setting's choices in the catalog, in its catalog spelling.</summary>
    public string? Choice(string setting)
    {
        var choices = OptionCatalog.Choices(setting);
        if (Text(setting) is not { } text)
        {
            return null;
        }

        if (choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            return chosen;
        }

        Problems.Add($"{Name(setting)}: '{Printable(text)}' is not one of {string.Join(", ", choices)}");
        return null;
    }

    /// <summary>A list; one text value is a list of one.</summary>
    public IReadOnlyList<string>? List(string setting)
    {
        switch (Node(setting))
        {
            case null:
                return null;
            case JsonArray array when array.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String):
                return [.. array.Select(item => item!.GetValue<string>())];
            case JsonValue value when value.TryGetValue<string>(out var text):
                return [text];
            default:
                Problems.Add($"{Name(setting)}: expected a list of text values");
                return null;
        }
    }

    /// <summary>Component logs: <c>[["auth"], ["cors", "cors.log"]]</c>; one text value is one component.</summary>
    public IReadOnlyList<(string Component, string? File)> ComponentLogs(string setting)
    {
        var logs = new List<(string, string?)>();
        foreach (var item in Node(setting) is JsonArray array ? array : Node(setting) is { } single ? [single.DeepClone()] : [])
        {
            var fields = item is JsonArray pair ? pair : item is null ? [] : [item.DeepClone()];
            if (fields.Count is < 1 or > 2 || fields.Any(field => field is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
            {
                Problems.Add($"{Name(setting)}: expected COMPONENT [FILE]");
                continue;
            }

            logs.Add((fields[0]!.GetValue<string>(), fields.Count == 2 ? fields[1]!.GetValue<string>() : null));
        }

        return logs;
    }

    public void Problem(string setting, string message) => Problems.Add($"{Name(setting)}: {message}");

    /// <summary><paramref name="text"/> fit for a problem line: control characters escaped, at most
    /// <see cref="MaxShown"/> characters.</summary>
    public static string Printable(string text)
    {
        var printable = HttpSyntax.Printable(text);
        return printable.Length <= MaxShown ? printable : string.Concat(printable.AsSpan(0, MaxShown), "…");
    }

    private JsonNode? Node(string setting) => commandLine.TryGetPropertyValue(setting, out var value) ? value : file?[setting];

    private static string Name(string setting) => OptionCatalog.OptionName(setting);
}
