using System.Globalization;
using MixNMatchttp;

namespace Lab;

/// <summary>The lab server's settings, as the command line gives them.</summary>
public sealed class LabOptions
{
    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 58080;

    /// <summary>The document root. Default: the current directory.</summary>
    public string Root { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>A users file (<c>username:password[:roles]</c>, plaintext). Default: none (nobody can log in until someone registers).</summary>
    public string? UsersFile { get; set; }

    /// <summary>Serve HTTPS (a self-signed certificate unless <see cref="CertificateFile"/> and <see cref="KeyFile"/> are given).</summary>
    public bool Tls { get; set; }

    public string? CertificateFile { get; set; }

    public string? KeyFile { get; set; }

    /// <summary>Paths that need a session (the seed's default: <c>secret</c> anywhere in the path).</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>Allowed origins: <c>*</c> (default), <c>{ECHO}</c>, or a list.</summary>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>Whether CORS responses allow credentials by default.</summary>
    public bool CorsCredentials { get; set; }

    /// <summary>Extra response headers, <c>Name: value</c>.</summary>
    public IList<string> Headers { get; } = [];

    public const string Usage = "options: --address IP, --port N, --root DIR, --users FILE, --ssl [--cert PEM --key PEM], "
        + "--secret PATH (repeatable), --cors-origin ORIGIN|*|{ECHO} (repeatable), --cors-creds, -H 'Name: value' (repeatable)";

    /// <summary>Reads the command line; a bad option throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static LabOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LabOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value");
            switch (option)
            {
                case "--address": options.Address = Value(); break;
                case "--port":
                    var port = Value();
                    options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new ArgumentException($"--port must be a number, not '{port}'");
                    break;
                case "--root": options.Root = Value(); break;
                case "--users": options.UsersFile = Value(); break;
                case "--ssl": options.Tls = true; break;
                case "--cert": options.CertificateFile = Value(); break;
                case "--key": options.KeyFile = Value(); break;
                case "--secret": options.Secrets.Add(Value()); break;
                case "--cors-origin": options.CorsOrigins.Add(Value()); break;
                case "--cors-creds": options.CorsCredentials = true; break;
                case "-H" or "--header": options.Headers.Add(Value()); break;
                default: throw new ArgumentException($"unknown option '{option}' ({Usage})");
            }
        }

        if (options.Secrets.Count == 0)
        {
            options.Secrets.Add("secret");
        }

        return options;
    }

    internal MixServerOptions ServerOptions() => new()
    {
        Address = Address,
        Port = Port,
        Tls = Tls || CertificateFile is not null ? new TlsOptions { CertificateFile = CertificateFile, KeyFile = KeyFile } : null,
    };
}
