namespace MixNMatchttp.Auth;

/// <summary>The status sent while an account or address is locked out.</summary>
public enum LockoutStatus
{
    /// <summary>429 Too Many Requests, with Retry-After.</summary>
    TooManyRequests = 429,

    /// <summary>401 Unauthorized, as for a wrong password.</summary>
    Unauthorized = 401,
}
