namespace MixNMatchttp.Cli.Settings;

/// <summary>The settings as given, and <c>--save-config</c>'s write of them, done only once they have been checked.</summary>
internal sealed record SettingSources(SettingReader Reader, Action SaveConfig);
