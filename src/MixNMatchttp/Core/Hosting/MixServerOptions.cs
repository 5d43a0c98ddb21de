using Microsoft.Extensions.Logging;

namespace MixNMatchttp;

/// <summary>Server-wide options. Validated when the server is built.</summary>
public sealed class MixServerOptions
{
    /// <summary>The address to listen on when <see cref="Listen"/> is empty: an IPv4 or IPv6 address (0.0.0.0 and ::
    /// for every address), <c>localhost</c> (127.0.0.1) or a host name, resolved when the server is built (every address
    /// it resolves to is bound). Default: 127.0.0.1.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port when <see cref="Listen"/> is empty; 0 picks a free one (see <see cref="MixApp.Urls"/>).
    /// Default: 58080.</summary>
    public int Port { get; set; } = 58080;

    /// <summary>Where to listen, as URLs <c>http://HOST:PORT</c> or <c>https://HOST:PORT</c> (HOST as in
    /// <see cref="Address"/>, an IPv6 address in brackets; port 0 picks a free one; nothing after the port but an
    /// optional '/'). When not empty it replaces <see cref="Address"/> and <see cref="Port"/>; https URLs use
    /// <see cref="Tls"/>. Default: empty.</summary>
    public IList<string> Listen { get; set; } = [];

    /// <summary>TLS settings: with <see cref="Listen"/> empty, setting them serves HTTPS; else they are those of the
    /// https URLs (null: a self-signed certificate). Over TLS both HTTP/1.1 and HTTP/2 are offered (ALPN), without it
    /// HTTP/1.1. Default: null.</summary>
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
        copy.Listen = Listen is null ? [] : [.. Listen];
        copy.Tls = Tls is null ? null : new TlsOptions { CertificateFile = Tls.CertificateFile, KeyFile = Tls.KeyFile, KeyPassphrase = Tls.KeyPassphrase };
        return copy;
    }

    /// <summary>Reports every setting that cannot work, but where to listen (<see cref="Listener.Plan"/>).</summary>
    internal void Validate(List<string> problems)
    {
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

    private static void ValidatePrefix(string? prefix, string name, List<string> problems)
    {
        if (prefix is null || (prefix.Length > 0 && (prefix[0] != '/' || prefix.EndsWith('/') || RequestTarget.Canonicalize(prefix) != prefix)))
        {
            problems.Add($"MixServerOptions.{name} must be a canonical path starting with '/' and not ending with '/', not '{HttpSyntax.Printable(prefix)}'.");
        }
    }
}
