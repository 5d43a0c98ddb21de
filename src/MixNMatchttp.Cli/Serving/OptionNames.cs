namespace MixNMatchttp.Cli.Serving;

/// <summary>Rewrites the library's problem lines (<c>CorsOptions.Origins: …</c>) in command-line terms (<c>--allowed-origins: …</c>),
/// with any control character a value brought in escaped.</summary>
internal static class OptionNames
{
    private static readonly (string Library, string Option)[] Names =
    [
        ("MixServerOptions.Address", "--address"),
        ("MixServerOptions.Port", "--port"),
        ("MixServerOptions.Listen", "--listen"),
        ("MixServerOptions.PathPrefix", "--path-prefix"),
        ("TlsOptions.CertificateFile", "--cert"),
        ("TlsOptions.KeyFile", "--key"),
        ("TlsOptions.KeyPassphrase", "--key-passphrase"),
        ("CorsOptions.Origins", "--allowed-origins"),
        ("CorsOptions.AllowedHeaders", "--allowed-headers"),
        ("CorsOptions.AllowedMethods", "--allowed-methods"),
        ("CustomHeadersOptions.Headers", "--headers"),
        ("NoCachePathsOptions.Patterns", "--no-cache"),
        ("DenyPathsOptions.Patterns", "--deny"),
        ("StaticFilesOptions.Root", "--root"),
        ("StaticFilesOptions.IndexFile", "--index"),
        ("StaticFilesOptions.AttachmentExtensions", "--attachment"),
        ("StaticFilesOptions.SpaFallback", "--spa"),
        ("AuthOptions.ProtectedPaths", "--secrets"),
        ("AuthOptions.UsersFile", "--userfile"),
        ("JwtOptions.PrivateKeyFile", "--jwt-priv-key"),
        ("JwtOptions.Passphrase", "--jwt-key"),
        ("JwtOptions.Algorithm", "--jwt-algo"),
        ("RequestCaptureOptions.LogFile", "--request-log"),
    ];

    public static string Translate(string problem)
    {
        foreach (var (library, option) in Names)
        {
            problem = problem.Replace(library, option, StringComparison.Ordinal);
        }

        return HttpSyntax.Printable(problem);
    }
}
