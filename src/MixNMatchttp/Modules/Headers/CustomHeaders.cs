using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace MixNMatchttp.Headers;

/// <summary>
/// Adds fixed headers to every response (the command line's <c>-H 'Name: value'</c>), after the headers a handler saved for the
/// request. Headers are appended, never replacing one already set, so a repeated name is sent once per entry.
/// A malformed entry (no colon, a name that is not a token, control characters or non-ASCII text in the value) or a
/// header that frames the message (Content-Length, Transfer-Encoding, Connection, …) stops the server from being built.
/// <code>
/// MixServer.Create().Add(new CustomHeaders(new CustomHeadersOptions { Headers = ["X-Frame-Options: DENY"] })).Build();
/// </code>
/// </summary>
public sealed class CustomHeaders : MixModule
{
    private static readonly FrozenSet<string> FramingHeaders = new[]
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE", "Proxy-Connection",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly CustomHeadersOptions _options;
    private KeyValuePair<string, string>[] _headers = [];

    /// <summary>Creates the module; without <paramref name="options"/> it sends nothing.</summary>
    public CustomHeaders(CustomHeadersOptions? options = null)
    {
        _options = options ?? new CustomHeadersOptions();
    }

    /// <summary>The headers sent, parsed (a copy); set when the server is built.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => [.. _headers];

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in _options.Headers ?? [])
        {
            if (Problem(header) is { } problem)
            {
                configuration.Problem($"CustomHeadersOptions.Headers: {problem}");
            }
            else
            {
                headers.Add(Split(header));
            }
        }

        _headers = [.. headers];
    }

    public override ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Logger.CustomHeadersReady(_headers.Length);
        return default;
    }

    public override void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in _headers)
        {
            headers.Append(name, value);
        }
    }

    /// <summary>Why one <c>"Name: value"</c> entry cannot be sent; null when it can.</summary>
    internal static string? Problem(string? header)
    {
        var colon = header?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (header is null || colon < 0)
        {
            return $"'{HttpSyntax.Printable(header)}' is not a header: write 'Name: value'.";
        }

        var (name, value) = Split(header);
        if (!HttpSyntax.IsToken(name))
        {
            return $"'{HttpSyntax.Printable(header)}' does not start with a header name: the name before the colon must be a non-empty token (letters, digits, !#$%&'*+-.^_`|~), with no spaces.";
        }

        if (!HttpSyntax.IsFieldValue(value))
        {
            return $"the value of the header {name} contains a line break, another control character or non-ASCII text.";
        }

        if (value.Length == 0)
        {
            return $"the header {name} has no value, and an empty header is not sent.";
        }

        return FramingHeaders.Contains(name) ? $"{name} frames the response and is set by the server; it cannot be a custom header." : null;
    }

    /// <summary>Splits an entry with a colon into its name and its value (trimmed of spaces and tabs).</summary>
    private static KeyValuePair<string, string> Split(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return new(header[..colon], header[(colon + 1)..].Trim(' ', '\t'));
    }
}
