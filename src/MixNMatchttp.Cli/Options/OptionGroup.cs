namespace MixNMatchttp.Cli.Options;

/// <summary>A titled group of options, as <c>--help</c> lists them.</summary>
internal sealed record OptionGroup(string Title, IReadOnlyList<OptionSpec> Options);
