using MixNMatchttp.Logging;

namespace MixNMatchttp.Capture;

/// <summary>Options of the <see cref="RequestCapture"/> module.</summary>
public sealed class RequestCaptureOptions
{
    /// <summary>How many requests are kept in memory (the oldest are dropped first). Default: 100.</summary>
    public int MaxRequests { get; set; } = 100;

    /// <summary>How many bytes of each body are kept; a longer body is cut and marked <c>truncated</c>. 0 keeps no
    /// body. Default: 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>A file every captured request is appended to, one JSON object per line, by a background writer that
    /// flushes whenever it has caught up (a <see cref="Logging.LogFile"/>); its directory is created when missing, and a
    /// new file is readable by its owner only (0600). Default: null (no file).</summary>
    public string? LogFile { get; set; }

    /// <summary>When <see cref="LogFile"/> starts a new file. Default: never.</summary>
    public LogRotation LogRotation { get; set; } = new();

    /// <summary>Where the endpoints live: <c>GET {BasePath}</c> lists the kept requests as a JSON array (oldest
    /// first), <c>GET {BasePath}/stream</c> sends each new one as a server-sent event. A path of one or more segments,
    /// under the server's endpoint prefix. Default: <c>/requests</c>.</summary>
    public string BasePath { get; set; } = "/requests";

    /// <summary>Whether the endpoints are served at all (the log file and <see cref="RequestCapture.Requests"/> work
    /// either way). Default: true.</summary>
    public bool ServeEndpoints { get; set; } = true;

    /// <summary>Whether requests to the module's own endpoints are captured too. Default: false.</summary>
    public bool CaptureOwnEndpoints { get; set; }

    /// <summary>Whether secrets are hidden from the captures (the list, the stream, the log file and
    /// <see cref="RequestCapture.Requests"/>): the values of the <c>Authorization</c>, <c>Proxy-Authorization</c>,
    /// <c>Cookie</c> and <c>Set-Cookie</c> headers, and of the fields <c>password</c>, <c>new_password</c>,
    /// <c>passwd</c>, <c>token</c>, <c>access_token</c>, <c>refresh_token</c> and <c>csrf_token</c> in the target's query,
    /// URL-encoded forms and JSON objects become <c>[redacted]</c>. Turn it off for a lab that captures stolen tokens on
    /// purpose. Default: true.</summary>
    public bool RedactSecrets { get; set; } = true;

    /// <summary>How many events may wait for one slow event-stream client; beyond that its oldest waiting events
    /// are dropped. Default: 256.</summary>
    public int StreamQueueCapacity { get; set; } = 256;
}
