namespace MixNMatchttp.Cli.Settings;

/// <summary>The <c>--auth</c> choices.</summary>
internal enum AuthMode
{
    None,
    Cookie,
    Jwt,
}
