using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Headers;

/// <summary>
/// Adds fixed headers to every response (SPEC §9's <c>-H 'Name: value'</c>), after the headers a handler saved for the
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

    /// <summary>The headers sent, parsed; set when the server is built.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public override void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _headers = [.. (_options.Headers ?? []).Select(Parse)];
        services.GetRequiredService<ILoggerFactory>().CreateLogger<CustomHeaders>().CustomHeadersReady(_headers.Length);
    }

    public override void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in _headers)
        {
            headers.Append(name, value);
        }
    }

    /// <summary>Parses one <c>"Name: value"</c> entry; throws <see cref="MixConfigurationException"/> naming it when it cannot be sent.</summary>
    internal static KeyValuePair<string, string> Parse(string? header)
    {
        var colon = header?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (header is null || colon < 0)
        {
            throw new MixConfigurationException($"CustomHeadersOptions.Headers: '{HttpSyntax.Printable(header)}' is not a header: write 'Name: value'.");
        }

        var name = header[..colon];
        var value = header[(colon + 1)..].Trim(' ', '\t');
        if (!HttpSyntax.IsToken(name))
        {
            throw new MixConfigurationException($"CustomHeadersOptions.Headers: '{HttpSyntax.Printable(header)}' does not start with a header name: the name before the colon must be a non-empty token (letters, digits, !#$%&'*+-.^_`|~), with no spaces.");
        }

        if (!HttpSyntax.IsFieldValue(value))
        {
            throw new MixConfigurationException($"CustomHeadersOptions.Headers: the value of the header {name} contains a line break, another control character or non-ASCII text.");
        }

        if (value.Length == 0)
        {
            throw new MixConfigurationException($"CustomHeadersOptions.Headers: the header {name} has no value, and an empty header is not sent.");
        }

        if (FramingHeaders.Contains(name))
        {
            throw new MixConfigurationException($"CustomHeadersOptions.Headers: {name} frames the response and is set by the server; it cannot be a custom header.");
        }

        return new(name, value);
    }
}
