namespace MixNMatchttp.Auth;

/// <summary>A validated access token: whose it is, its id (the <c>jti</c> claim; null when it has none, so it cannot
/// be revoked), and when it stops being accepted (its <c>exp</c> plus the clock skew).</summary>
internal sealed record AccessToken(AuthUser User, string? Id, DateTimeOffset ExpiresAt);
