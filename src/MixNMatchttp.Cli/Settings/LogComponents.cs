namespace MixNMatchttp.Cli.Settings;

/// <summary>The components <c>--log</c> and <c>--debug-log</c> name, and the logger category each covers (with the
/// categories under it).</summary>
internal static class LogComponents
{
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["mixnmatchttp"] = "MixNMatchttp",
        ["auth"] = "MixNMatchttp.Auth",
        ["cache"] = "MixNMatchttp.Caching",
        ["capture"] = "MixNMatchttp.Capture",
        ["cors"] = "MixNMatchttp.CrossOrigin",
        ["files"] = "MixNMatchttp.Files",
        ["goto"] = "MixNMatchttp.Redirects",
        ["headers"] = "MixNMatchttp.Headers",
        ["policies"] = "MixNMatchttp.PathPolicies",
        ["logging"] = "MixNMatchttp.Logging",
        ["kestrel"] = "Microsoft.AspNetCore.Server.Kestrel",
    };
}
