using System.Text.RegularExpressions;

namespace MixNMatchttp.Auth;

/// <summary>The protected paths and access rules of <see cref="AuthOptions"/>, compiled when the server is built.
/// Protected paths use the server's one glob engine (<see cref="PathPatterns"/>): <c>/secret</c> is anchored,
/// <c>secret</c> matches any segment, and a match covers everything under it.</summary>
internal sealed class AccessPolicy
{
    private static readonly TimeSpan RuleTimeout = TimeSpan.FromSeconds(1);

    private readonly PathPatterns _protectedPaths;
    private readonly (Regex Pattern, IReadOnlyList<string?> Access)[] _rules;

    private AccessPolicy(PathPatterns protectedPaths, (Regex, IReadOnlyList<string?>)[] rules)
    {
        _protectedPaths = protectedPaths;
        _rules = rules;
    }

    /// <summary>A policy that protects nothing: what a module has until the server is built.</summary>
    public static AccessPolicy None { get; } = new(PathPatterns.Compile([], caseSensitive: false, string.Empty), []);

    /// <summary>Compiles the options; throws one <see cref="MixConfigurationException"/> listing every path or rule
    /// that cannot be used.</summary>
    public static AccessPolicy Compile(AuthOptions options)
    {
        var problems = new List<string>();
        foreach (var path in options.ProtectedPaths)
        {
            if (path is { Length: > 0 } && path.Trim('/').Length == 0)
            {
                problems.Add($"AuthOptions.ProtectedPaths: '{path}' protects everything: protect named paths, or use an access rule for everything.");
            }
        }

        PathPatterns? protectedPaths = null;
        try
        {
            protectedPaths = PathPatterns.Compile(options.ProtectedPaths, caseSensitive: false, "AuthOptions.ProtectedPaths");
        }
        catch (MixConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }

        var rules = new List<(Regex, IReadOnlyList<string?>)>();
        foreach (var rule in options.AccessRules)
        {
            try
            {
                rules.Add((new Regex(rule.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, RuleTimeout), rule.Access));
            }
            catch (ArgumentException e)
            {
                problems.Add($"AuthOptions.AccessRules: the pattern '{rule.Pattern}' is not a valid regular expression: {e.Message}");
            }
        }

        return problems.Count > 0 ? throw new MixConfigurationException(problems) : new AccessPolicy(protectedPaths!, [.. rules]);
    }

    public AccessDecision Decide(string method, string path, AuthUser? user)
    {
        if (user is null && _protectedPaths.IsMatch(path))
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
            bool? matches;
            try
            {
                matches = pattern.IsMatch(subject);
            }
            catch (RegexMatchTimeoutException)
            {
                // A rule too slow to decide denies: a request must not get through by being expensive to match.
                matches = null;
            }

            if (matches is null)
            {
                return user is null ? AccessDecision.NeedsLogin : AccessDecision.Forbidden;
            }

            if (matches.Value)
            {
                return AccessList.Allows(access, user) ? AccessDecision.Allow
                    : user is null ? AccessDecision.NeedsLogin
                    : AccessDecision.Forbidden;
            }
        }

        return AccessDecision.Allow;
    }
}
