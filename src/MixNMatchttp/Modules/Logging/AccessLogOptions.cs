namespace MixNMatchttp.Logging;

/// <summary>Options of the <see cref="AccessLog"/> module: where the lines go, colours, secrets.</summary>
public sealed class AccessLogOptions
{
    /// <summary>Whether each line is written to the standard output. Default: true.</summary>
    public bool Console { get; set; } = true;

    /// <summary>Whether the status is coloured on the standard output (2xx green, 3xx cyan, 4xx yellow, 5xx red); null:
    /// when the standard output is a terminal and <c>NO_COLOR</c> is unset or empty. The file never has colours.
    /// Default: null.</summary>
    public bool? Colour { get; set; }

    /// <summary>A file each line is appended to (a <see cref="LogFile"/>: created with its directory, mode 0600, never
    /// served); null: none. Default: null.</summary>
    public string? File { get; set; }

    /// <summary>When <see cref="File"/> starts a new file. Default: never.</summary>
    public LogRotation Rotation { get; set; } = new();

    /// <summary>Whether the values of secret query parameters (<c>password</c>, <c>passwd</c>, <c>pass</c>, <c>pwd</c>,
    /// <c>new_password</c>, <c>token</c>, <c>access_token</c>, <c>refresh_token</c>, <c>csrf_token</c>, <c>secret</c>,
    /// <c>key</c>, <c>code</c>; any case) are written as sent, in the request target and the Referer, instead of
    /// <c>***</c>. Default: false.</summary>
    public bool LogSecrets { get; set; }

    /// <summary>Where the console lines go instead of the standard output (tests).</summary>
    internal Stream? ConsoleOutput { get; set; }
}
