namespace MixNMatchttp.Cli.Options;

/// <summary>How an option takes its values on the command line.</summary>
internal enum OptionShape
{
    /// <summary>No value: sets fixed values (<c>--ssl</c>, <c>--no-ssl</c>).</summary>
    Flag,

    /// <summary>Exactly one value (<c>--port 8080</c>).</summary>
    Value,

    /// <summary>One value or none, which then means <see cref="OptionSpec.ImpliedValue"/> (<c>--request-log [FILE]</c>).</summary>
    OptionalValue,

    /// <summary>Any number of values after one flag, and the flag may repeat (<c>-H 'A: 1' 'B: 2'</c>).</summary>
    List,

    /// <summary>A component and an optional file, repeatable (<c>--log auth [auth.log]</c>).</summary>
    ComponentLog,
}
