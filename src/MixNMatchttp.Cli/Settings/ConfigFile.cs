using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MixNMatchttp.Auth;
using MixNMatchttp.Cli.Options;

namespace MixNMatchttp.Cli.Settings;

/// <summary>
/// A JSON configuration file: an object whose keys are the long options' names without the dashes (the original App's
/// underscored names are accepted too: <c>cors_origins</c>, <c>certfile</c>, …). <c>${VAR}</c> in a string is replaced by
/// the environment variable VAR (a missing one is an error that names it); <c>$$</c> is a literal <c>$</c>.
/// </summary>
internal sealed partial class ConfigFile
{
    /// <summary>The original App's setting names that differ from ours.</summary>
    private static readonly Dictionary<string, string> OriginalNames = new(StringComparer.Ordinal)
    {
        ["certfile"] = "cert",
        ["keyfile"] = "key",
        ["userfile-hash-type"] = "hash-type",
        ["cors"] = "enable-cors",
        ["cors-origins"] = "allowed-origins",
        ["cors-headers"] = "allowed-headers",
        ["cors-methods"] = "allowed-methods",
        ["cors-creds"] = "allow-credentials",
        ["daemonize"] = "daemon",
    };

    private ConfigFile(string path, JsonObject written, JsonObject expanded)
    {
        Path = path;
        Written = written;
        Expanded = expanded;
    }

    public string Path { get; }

    /// <summary>The settings as written, <c>${VAR}</c> kept (what <c>--save-config</c> writes back).</summary>
    public JsonObject Written { get; }

    /// <summary>The settings with the environment's values in place.</summary>
    public JsonObject Expanded { get; }

    /// <summary>Reads <paramref name="path"/>; every problem is a line of the <see cref="UsageException"/>.</summary>
    public static ConfigFile Load(string path)
    {
        var shown = SettingReader.Printable(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config: cannot read '{shown}': {SettingReader.Printable(e.Message)}");
        }

        JsonObject document;
        try
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };
            document = JsonNode.Parse(text, documentOptions: options) as JsonObject
                ?? throw new UsageException($"--config: '{shown}' must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new UsageException($"--config: '{shown}' is not valid JSON: {SettingReader.Printable(e.Message)}");
        }

        var problems = new List<string>();
        var written = new JsonObject();
        var expanded = new JsonObject();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in document)
        {
            var setting = Normalize(key);
            if (!OptionCatalog.FileSettings.Contains(setting))
            {
                problems.Add($"--config: '{shown}' has an unknown setting '{SettingReader.Printable(key)}'");
                continue;
            }

            if (!keys.TryAdd(setting, key))
            {
                problems.Add($"--config: '{shown}' sets {OptionCatalog.OptionName(setting)} twice: '{SettingReader.Printable(keys[setting])}' and '{SettingReader.Printable(key)}'");
                continue;
            }

            written[setting] = value?.DeepClone();
            expanded[setting] = Expand(value?.DeepClone(), $"--config: '{shown}', setting '{SettingReader.Printable(key)}'", problems);
        }

        return problems.Count > 0 ? throw new UsageException(problems) : new ConfigFile(path, written, expanded);
    }

    /// <summary>Writes <paramref name="settings"/> to <paramref name="path"/> atomically (0600 when new).</summary>
    public static void Save(string path, JsonObject settings)
    {
        try
        {
            AtomicFile.Write(path, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--save-config: cannot write '{SettingReader.Printable(path)}': {SettingReader.Printable(e.Message)}");
        }
    }

    private static string Normalize(string key)
    {
        var setting = key.Replace('_', '-').ToLowerInvariant();
        return OriginalNames.GetValueOrDefault(setting, setting);
    }

    private static JsonNode? Expand(JsonNode? node, string where, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Expand(array[i]?.DeepClone(), where, problems);
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Variable().Replace(text, match => Substitute(match, where, problems)));
            default:
                return node;
        }
    }

    private static string Substitute(Match match, string where, List<string> problems)
    {
        if (match.Value == "$$")
        {
            return "$";
        }

        var name = match.Groups[1].Value;
        if (Environment.GetEnvironmentVariable(name) is { } value)
        {
            return value;
        }

        problems.Add($"{where}: the environment variable {name} is not set");
        return string.Empty;
    }

    [GeneratedRegex(@"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
