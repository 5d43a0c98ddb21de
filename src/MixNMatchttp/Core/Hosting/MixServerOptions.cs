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

    /// <summary>How long in-flight requests may take to finish on shutdown. Default: 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of every module (sessions, lockouts, captures). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Configures logging; by default the console logger at Information.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
