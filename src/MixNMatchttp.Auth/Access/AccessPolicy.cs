using System.Text.RegularExpressions;

namespace MixNMatchttp.Auth;

/// <summary>The protected paths of <see cref="AuthOptions"/>, compiled once at start-up.</summary>
internal sealed class AccessPolicy
{
    private readonly Regex? _protectedPaths;
    private readonly (Regex Pattern, IReadOnlyList<string?> Access)[] _rules;

    public AccessPolicy(AuthOptions options)
    {
        var paths = options.ProtectedPaths.Select(path =>
        {
            if (string.IsNullOrWhiteSpace(path.Trim('/')))
            {
                throw new MixConfigurationException($"The protected path '{path}' is empty: protect named paths, or use an access rule for everything.");
            }

            var body = Regex.Escape(path.Trim('/'));
            return path.StartsWith('/') ? $"^/{body}(/|$)" : $"(^|/){body}(/|$)";
        }).ToList();
        _protectedPaths = paths.Count == 0 ? null : new Regex(string.Join('|', paths.Select(p => $"(?:{p})")), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _rules = [.. options.AccessRules.Select(rule =>
        {
            try
            {
                return (new Regex(rule.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1)), rule.Access);
            }
            catch (ArgumentException e)
            {
                throw new MixConfigurationException($"The access rule pattern '{rule.Pattern}' is not a valid regular expression: {e.Message}", e);
            }
        })];
    }

    /// <summary>Whether any path is protected at all (so unprotected servers skip the session lookup).</summary>
    public bool IsEmpty => _protectedPaths is null && _rules.Length == 0;

    public AccessDecision Decide(string method, string path, AuthUser? user)
    {
        if (_protectedPaths is not null && _protectedPaths.IsMatch(path) && user is null)
        {
            return AccessDecision.NeedsLogin;
        }

        if (_rules.Length == 0)
        {
            return AccessDecision.Allow;
        }

        var subject = $"{method} {path}";
        foreach (var (pattern, access) in _rules)
        {
            if (pattern.IsMatch(subject))
            {
                return AccessList.Allows(access, user) ? AccessDecision.Allow
                    : user is null ? AccessDecision.NeedsLogin
                    : AccessDecision.Forbidden;
            }
        }

        return AccessDecision.Allow;
    }
}
