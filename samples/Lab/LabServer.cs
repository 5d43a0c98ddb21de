using System.Text.RegularExpressions;
using MixNMatchttp;
using MixNMatchttp.Auth;
using MixNMatchttp.Caching;
using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;
using MixNMatchttp.Headers;
using MixNMatchttp.Redirects;

namespace Lab;

/// <summary>
/// The seed's CORS demo server (demos/cors.py) from our modules: directory listing over a docroot, cookie auth with
/// protected paths and a users file, the page cache, /goto, CORS with per-request overrides (<c>origin</c>,
/// <c>creds</c>), custom headers, and no caching except of jQuery.
/// </summary>
public static partial class LabServer
{
    public static MixServer Create(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = new AuthOptions { UsersFile = options.UsersFile };
        foreach (var secret in options.Secrets)
        {
            auth.ProtectedPaths.Add(secret);
        }

        var cors = new CorsOptions { AllowCredentials = options.CorsCredentials }.SetOrigins(options.CorsOrigins.Count == 0 ? ["*"] : options.CorsOrigins);
        return MixServer.Create(options.ServerOptions())
            .Add(new CookieAuth(auth))
            .Add(new Cors(cors))
            .Add(new CustomHeaders(new CustomHeadersOptions { Headers = [.. options.Headers] }))
            .Add(new NoCacheExceptJQuery())
            .Add(new PageCache())
            .Add(new GotoRedirect())
            .Add(new StaticFiles(new StaticFilesOptions { Root = options.Root, DirectoryListing = true }));
    }

    /// <summary>The seed lab's no-cache rule: everything but jQuery.</summary>
    private sealed partial class NoCacheExceptJQuery : MixModule
    {
        public override bool NoCache(RequestContext context) => !JQuery().IsMatch(context.Path);

        [GeneratedRegex(@"/jquery-[0-9.]+(\.min)?\.js$")]
        private static partial Regex JQuery();
    }
}
