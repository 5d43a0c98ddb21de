namespace MixNMatchttp;

/// <summary>A module's refusal of a request: the status to send and a short reason.</summary>
/// <param name="StatusCode">The status code, e.g. 401 or 403.</param>
/// <param name="Message">A short message; the status's reason phrase when null.</param>
/// <param name="Explanation">A longer explanation appended to the message.</param>
public sealed record Denial(int StatusCode, string? Message = null, string? Explanation = null);
