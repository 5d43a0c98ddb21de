using System.Net;
using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>Server-wide options. Validated when the server is built.</summary>
public sealed class MixServerOptions
{
    /// <summary>The address to listen on: an IPv4 or IPv6 address, or <c>localhost</c>. Default: 127.0.0.1.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (see <see cref="MixApp.Urls"/>). Default: 58080.</summary>
    public int Port { get; set; } = 58080;

    /// <summary>TLS settings; null serves plain HTTP. Over TLS both HTTP/1.1 and HTTP/2 are offered (ALPN). Default: null.</summary>
    public TlsOptions? Tls { get; set; }

    /// <summary>A prefix every request path must start with (at a '/' boundary); it is removed before
    /// anything else sees the path, and other paths get 404. Default: none.</summary>
    public string PathPrefix { get; set; } = string.Empty;

    /// <summary>A prefix under which the endpoint tree is mounted (at a '/' boundary); paths outside it are
    /// never endpoints. Default: none.</summary>
    public string EndpointPrefix { get; set; } = string.Empty;

    /// <summary>Whether endpoint names match case-sensitively. Default: false (handlers see lower-case names).</summary>
    public bool CaseSensitiveEndpoints { get; set; }

    /// <summary>The largest request body read, in bytes; larger bodies get 413. Default: 16 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 16L * 1024 * 1024;

    /// <summary>The most connections held at once: at the limit the server stops accepting until a connection ends, and
    /// reaching the limit is logged once. Default: null, half of the file descriptors still free once the process's limit is raised
    /// to its hard maximum at start (as nginx's <c>worker_rlimit_nofile</c>).</summary>
    public long? MaxConnections { get; set; }

    /// <summary>How long in-flight requests may take to finish on shutdown. Default: 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of every module (sessions, lockouts, captures). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Configures logging; by default the console logger at Information.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>A copy, so that the running server does not change with these options.</summary>
    internal MixServerOptions Snapshot()
    {
        var copy = (MixServerOptions)MemberwiseClone();
        copy.Tls = Tls is null ? null : new TlsOptions { CertificateFile = Tls.CertificateFile, KeyFile = Tls.KeyFile, KeyPassphrase = Tls.KeyPassphrase };
        return copy;
    }

    /// <summary>Reports every setting that cannot work.</summary>
    internal void Validate(List<string> problems)
    {
        if (!IsAddress(Address))
        {
            problems.Add($"MixServerOptions.Address: the listen address must be an IPv4 or IPv6 address or 'localhost', not '{HttpSyntax.Printable(Address)}'.");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"MixServerOptions.Port: the port must be between 0 and 65535, not {Port}.");
        }

        ValidatePrefix(PathPrefix, nameof(PathPrefix), problems);
        ValidatePrefix(EndpointPrefix, nameof(EndpointPrefix), problems);
        if (MaxRequestBodySize < 0)
        {
            problems.Add($"MixServerOptions.MaxRequestBodySize cannot be negative ({MaxRequestBodySize}).");
        }

        if (MaxConnections is < 1)
        {
            problems.Add($"MixServerOptions.MaxConnections must be at least 1, not {MaxConnections}.");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"MixServerOptions.ShutdownTimeout must be between 0 and 1 hour, not {ShutdownTimeout}.");
        }

        if (TimeProvider is null)
        {
            problems.Add("MixServerOptions.TimeProvider cannot be null.");
        }
    }

    internal IPAddress ListenAddress() =>
        string.Equals(Address, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(Address.Trim('[', ']'));

    private static bool IsAddress(string? address) =>
        address is not null && (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(address.Trim('[', ']'), out _));

    private static void ValidatePrefix(string? prefix, string name, List<string> problems)
    {
        if (prefix is null || (prefix.Length > 0 && (prefix[0] != '/' || prefix.EndsWith('/') || RequestTarget.Canonicalize(prefix) != prefix)))
        {
            problems.Add($"MixServerOptions.{name} must be a canonical path starting with '/' and not ending with '/', not '{HttpSyntax.Printable(prefix)}'.");
        }
    }
}
