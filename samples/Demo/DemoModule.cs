using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using MixNMatchttp;

namespace Demo;

/// <summary>The seed README's example handler (MyHandler), rebuilt as a module.</summary>
public sealed partial class DemoModule : MixModule
{
    public override EndpointNode Endpoints => new()
    {
        // will use the default handler
        ["foobar"] = new(),
        ["refreshme"] = new() { NArgs = NArgs.Optional },
        ["parameter"] = new()
        {
            // this way /parameter will answer "missing arguments"
            NArgs = 1,
            ["*"] = new()
            {
                NArgs = 1,
                // handled by parameter/special
                ["special"] = new(),
            },
        },
        ["debug"] = new()
        {
            // these are for when /debug is called
            AllowedMethods = ["GET", "POST"],
            ["sub"] = new()
            {
                // handled by debug; don't canonicalize the rest of the path
                NArgs = NArgs.Any,
                RawArgs = true,
            },
            ["*"] = new()
            {
                ["debug"] = new()
                {
                    ["*"] = new() { VarName = "debug2" },
                },
            },
        },
    };

    public override IReadOnlyDictionary<string, TemplatePage> TemplatePages { get; } = new Dictionary<string, TemplatePage>
    {
        // text/html, as in the original, although the debug text is plain
        ["simpletxt"] = new("$CONTENT"),
        // the original's page, byte for byte: a leading newline, indented lines and the indentation of its closing quotes
        ["simplehtml"] = new(
            "\n    <!DOCTYPE html>\n    <html>\n    <head>\n    <meta charset=\"UTF-8\" />\n    $HEAD\n    <title>$TITLE</title>\n"
            + "    </head>\n    <body>\n    $BODY\n    </body>\n    </html>\n            "),
    };

    public override IReadOnlyDictionary<string, Template> Templates { get; } = new Dictionary<string, Template>
    {
        ["refresh"] = new("simplehtml", new Dictionary<string, string>
        {
            ["HEAD"] = """<meta http-equiv="refresh" content="${interval}">""",
            ["TITLE"] = "Example",
            ["BODY"] = "<h1>Example page, will refresh every ${interval}s.</h1>",
        }),
        ["debug"] = new("simpletxt", new Dictionary<string, string>
        {
            ["CONTENT"] = "${info}You called endpoint $root, sub = $sub, args = $args, params = $params",
        }),
    };

    public override void MapHandlers(HandlerMap map)
    {
        map.Any("refreshme", RefreshMe)
            .Any("parameter", context => new(context.RenderAsync(
                $"{context.Endpoint.Params["parameter"]} = {context.Endpoint.Args}", "text/plain; charset=utf-8")))
            .Any("parameter/special", context => new(context.RenderAsync("A very special parameter!", "text/plain; charset=utf-8")))
            .Any("debug", context => Debug(context, string.Empty))
            .Post("debug", context => Debug(context, "POST! "))
            .Default(context => new(RenderDebug(context, "This is do_default. ")));
    }

    public override ValueTask<Denial?> DeniedAsync(RequestContext context) =>
        new(ForbiddenPath().IsMatch(context.Path) ? new Denial(StatusCodes.Status403Forbidden, null, "Access denied") : null);

    /// <summary>Only scripts may be cached.</summary>
    public override bool NoCache(RequestContext context) => !context.Path.EndsWith(".js", StringComparison.Ordinal);

    public override void AddHeaders(RequestContext context, IHeaderDictionary headers) => headers["X-Foo"] = "Foobar";

    private static ValueTask RefreshMe(RequestContext context)
    {
        var interval = context.Endpoint.Args.Length > 0 ? context.Endpoint.Args : "30";
        return new(context.RenderTemplateAsync("refresh", new Dictionary<string, string?> { ["interval"] = Html.Escape(interval) }));
    }

    private static ValueTask Debug(RequestContext context, string info)
    {
        // a header just for this request
        context.SaveHeader("X-Debug", "Foo");
        return new(RenderDebug(context, info));
    }

    private static Task RenderDebug(RequestContext context, string info)
    {
        var endpoint = context.Endpoint;
        return context.RenderTemplateAsync("debug", new Dictionary<string, string?>
        {
            ["info"] = info,
            ["root"] = Html.EscapeText(endpoint.Root),
            ["sub"] = Html.EscapeText(endpoint.Sub),
            ["args"] = Html.EscapeText(endpoint.Args),
            ["params"] = Html.EscapeText(PythonRepr.Dict(endpoint.Params)),
        });
    }

    [GeneratedRegex("^/forbidden(/|$)")]
    private static partial Regex ForbiddenPath();
}
