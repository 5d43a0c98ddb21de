namespace MixNMatchttp.CrossOrigin;

/// <summary>The CORS answer to one request, decided once (<see cref="Cors"/>) and applied when its headers are written.</summary>
/// <param name="AllowOrigin">The value of <c>Access-Control-Allow-Origin</c>; null for none.</param>
/// <param name="Credentials">Whether <c>Access-Control-Allow-Credentials: true</c> is sent.</param>
/// <param name="DependsOnOrigin">Whether the answer depends on the request's <c>Origin</c> (<c>Vary: Origin</c>).</param>
/// <param name="Problem">Why the request's override parameters are refused; null when they are fine or absent.</param>
internal sealed record CorsDecision(string? AllowOrigin, bool Credentials, bool DependsOnOrigin, string? Problem);
