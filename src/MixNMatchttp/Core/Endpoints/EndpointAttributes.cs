namespace MixNMatchttp;

/// <summary>The resolved attributes of an endpoint, defaults applied.</summary>
/// <param name="Disabled">Whether the endpoint cannot be called directly.</param>
/// <param name="AllowedMethods">Allowed methods, upper-case, HEAD included when GET is.</param>
/// <param name="NArgs">How many arguments may follow the endpoint.</param>
/// <param name="RawArgs">Whether the arguments are passed as sent.</param>
/// <param name="VarName">For a variable endpoint, the key of its value in the params; otherwise null.</param>
/// <param name="RequiredParams">Body or query parameters every request must carry.</param>
public sealed record EndpointAttributes(
    bool Disabled,
    IReadOnlyList<string> AllowedMethods,
    NArgs NArgs,
    bool RawArgs,
    string? VarName,
    IReadOnlyList<string> RequiredParams);
