namespace MixNMatchttp.Auth;

/// <summary>
/// A protected-path rule: a regular expression matched against <c>"METHOD /path"</c> (canonical path) and
/// the access list that decides when it is the first rule to match. Entries: a user name, <c>!user</c>,
/// <c>#role</c>, <c>!#role</c>, <c>*</c> (any authenticated user), or null (anyone).
/// </summary>
/// <param name="Pattern">The regular expression, e.g. <c>^(GET|HEAD) /admin(/|$)</c>.</param>
/// <param name="Access">The access list.</param>
public sealed record AccessRule(string Pattern, IReadOnlyList<string?> Access);
