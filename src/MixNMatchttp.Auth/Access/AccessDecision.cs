namespace MixNMatchttp.Auth;

/// <summary>What the protected-path policy says about a request.</summary>
internal enum AccessDecision
{
    Allow,
    NeedsLogin,
    Forbidden,
}
