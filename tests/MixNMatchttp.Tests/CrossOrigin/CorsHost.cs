using MixNMatchttp.CrossOrigin;
using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.CrossOrigin;

/// <summary>A server with the CORS module (or none) in front of an endpoint allowing GET, POST and PUT, and optional files.</summary>
internal static class CorsHost
{
    public const string Origin = "http://evil.test:8000";

    public const string DefaultAllowHeaders = "Accept, Accept-Language, Content-Language, Content-Type, Authorization";

    public const string DefaultAllowMethods = "POST, GET, OPTIONS, HEAD";

    /// <summary>The modes of the CORS lab matrix; "none" means the module is not added.</summary>
    public static CorsOptions? Mode(string mode) => mode switch
    {
        "echo+creds" => new CorsOptions { AllowOrigin = CorsOrigin.Echo, AllowCredentials = true },
        "echo" => new CorsOptions { AllowOrigin = CorsOrigin.Echo },
        "*+creds" => new CorsOptions { AllowOrigin = CorsOrigin.Any, AllowCredentials = true },
        "*" => new CorsOptions { AllowOrigin = CorsOrigin.Any },
        "none" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static Task<TestHost> StartAsync(CorsOptions? options, string? fileRoot = null, Action<HandlerMap>? handlers = null)
    {
        var modules = new List<MixModule>();
        if (options is not null)
        {
            modules.Add(new Cors(options));
        }

        modules.Add(new TestModule(
            new() { ["data"] = new() { AllowedMethods = ["GET", "POST", "PUT"] } },
            handlers ?? (map => map.Any("data", c => new(c.RenderAsync("data", "text/plain; charset=utf-8"))))));
        if (fileRoot is not null)
        {
            modules.Add(new StaticFiles(new StaticFilesOptions { Root = fileRoot }));
        }

        return TestHost.StartAsync([.. modules]);
    }

    /// <summary>Builds (without starting) a server with the CORS module; throws what its start-up validation throws.</summary>
    public static void Build(CorsOptions options) =>
        MixServer.Create(new MixServerOptions { Port = 0, ConfigureLogging = _ => { } }).Add(new Cors(options)).Build();
}
