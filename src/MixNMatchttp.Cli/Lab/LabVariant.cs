using MixNMatchttp.Capture;
using MixNMatchttp.Cli.Serving;
using MixNMatchttp.Cli.Settings;

namespace MixNMatchttp.Cli.Lab;

/// <summary>
/// What the <c>lab</c> command changes in the main command: several origins by default, and on by default what the
/// original's CORS demo server had (cookie auth with <c>secret</c> protected and any-credentials login unless a users
/// file is given, CORS, the page cache, <c>/goto</c>, a request capture); the lab pages and results; the lab's own
/// secret files unless <c>--root</c> is given; and the origin map in the start-up block.
/// </summary>
internal sealed class LabVariant : ServeVariant
{
    /// <summary>The target (holding /secret/…) first, then the attackers' origins.</summary>
    public static readonly IReadOnlyList<string> DefaultOrigins = ["https://127.0.0.1:58443", "https://localhost:58444", "http://127.0.0.1:58081"];

    private bool _ownSecrets = true;

    public override ServeSettings Apply(ServeSettings settings, SettingReader reader)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsSet("address") || reader.IsSet("port"))
        {
            reader.Problem("listen", "the lab listens on several origins: give them as --listen URLs, the target first (not --address or --port)");
        }

        var listen = settings.Listen.Count > 0 ? settings.Listen : DefaultOrigins;
        foreach (var url in listen.Where(url => LabOrigins.Origin(url) is null))
        {
            reader.Problem("listen", $"the lab needs each origin's port: '{SettingReader.Printable(url)}' has none, or port 0");
        }

        _ownSecrets = !reader.IsSet("root");
        var users = settings.UserFile is not null || settings.AddUsers;
        return settings with
        {
            Listen = listen,
            Auth = reader.IsSet("auth") ? settings.Auth : AuthMode.Cookie,
            AnyLogin = settings.AnyLogin || !users,
            Cors = reader.IsSet("enable-cors") ? settings.Cors : true,
            Cache = reader.IsSet("cache") ? settings.Cache : true,
            Goto = reader.IsSet("goto") ? settings.Goto : true,
        };
    }

    public override IEnumerable<MixModule> Modules(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        yield return new LabModule(new LabOrigins(settings.Listen), _ownSecrets);
        if (settings.RequestLog is null)
        {
            // The evil-proxy lab reads the captured requests: in memory when --request-log names no file.
            yield return new RequestCapture(new RequestCaptureOptions { MaxRequests = 1000, RedactSecrets = !settings.LogSecrets });
        }
    }

    public override IEnumerable<string> ModuleNames(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.RequestLog is null ? ["lab", "request capture (memory)"] : ["lab"];
    }

    public override bool ServesFiles(ServeSettings settings) => !_ownSecrets;

    public override void Announce(TextWriter output, MixApp app, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        var origins = new LabOrigins(settings.Listen);
        output.WriteLine($"  lab target:   {origins.Target} (holds {(_ownSecrets ? "the lab's" : "your")} /secret/secret.txt and /secret/secret.png)");
        foreach (var attacker in origins.Attackers)
        {
            output.WriteLine($"  lab attacker: {attacker} ({LabOrigins.Relation(origins.Target, attacker)})");
        }

        output.WriteLine($"  open {origins.Start}/lab/ in a browser (accept the self-signed certificate on every https origin)");
    }
}
