using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MixNMatchttp.Cli.Lab;

/// <summary>
/// The lab's endpoints (docs/labs.md): the pages under <c>/lab/</c>, the origin map (<c>/lab/origins</c>), the results
/// (<c>/lab/results</c>), the policy explorer's answers (<c>/lab/policy/{policy}/secret</c>) and decisions
/// (<c>/lab/decisions</c>), and, unless files are served from a root, the lab's own <c>/secret/secret.txt</c> and
/// <c>/secret/secret.png</c>.
/// </summary>
internal sealed class LabModule(LabOrigins origins, bool ownSecrets) : MixModule
{
    /// <summary>The query parameter that tags every request of a lab run (in the request log too).</summary>
    public const string RunParameter = "lab-run";

    /// <summary>The largest result a page may send.</summary>
    public const int MaxResultBytes = 64 * 1024;

    public const string DecisionHeader = "X-Mix-Cors-Decision";

    private const string PolicyPath = "/lab/policy/";
    private readonly LabResults _results = new();
    private readonly PolicyDecisions _decisions = new();

    public override EndpointNode Endpoints
    {
        get
        {
            var endpoints = new EndpointNode
            {
                ["lab"] = new()
                {
                    NArgs = NArgs.Any,
                    ["origins"] = new(),
                    ["results"] = new() { AllowedMethods = ["GET", "POST"], NArgs = NArgs.Optional },
                    ["decisions"] = new(),
                    ["policy"] = new() { AllowedMethods = ["GET", "POST"], NArgs = NArgs.Any },
                },
            };
            if (ownSecrets)
            {
                endpoints["secret"] = new() { AllowedMethods = ["GET", "POST"], NArgs = 1 };
            }

            return endpoints;
        }
    }

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Get("lab", context => Send(context, EmbeddedFiles.Find("lab", context.Endpoint.Args)))
            .Get("lab/origins", context => new(context.SendJsonAsync(new { target = origins.Target, attackers = origins.Attackers })))
            .Get("lab/results", ListResultsAsync)
            .Post("lab/results", SaveResultAsync)
            .Get("lab/decisions", context => new(context.SendJsonAsync(_decisions.Of(context.Query.TryGetValue(RunParameter, out var run) ? run.ToString() : string.Empty))))
            .Any("lab/policy", PolicyAsync);
        if (ownSecrets)
        {
            map.Any("secret", context => Send(context, EmbeddedFiles.Find("secret", context.Endpoint.Args)));
        }
    }

    /// <summary>The policy explorer's CORS headers (over the Cors module's), on every answer under /lab/policy/:
    /// preflights, 401s and 404s included.</summary>
    public override void AddHeaders(RequestContext context, IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(headers);
        if (!context.Path.StartsWith(PolicyPath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var policy = context.Path[PolicyPath.Length..].Split('/')[0].ToLowerInvariant();
        var request = context.Request.Headers;
        var origin = request.Origin.Count == 1 && HttpSyntax.IsFieldValue(request.Origin.ToString()) ? request.Origin.ToString() : null;
        var preflight = context.IsMethod(HttpMethods.Options) && request.ContainsKey(HeaderNames.AccessControlRequestMethod);
        var site = $"{(context.IsHttps ? "https" : "http")}://{context.Request.Host}";
        if (!Uri.IsWellFormedUriString(site, UriKind.Absolute) || CorsPolicy.Decide(policy, origin, site, preflight) is not { } verdict)
        {
            return;
        }

        headers.Remove(HeaderNames.AccessControlAllowOrigin);
        headers.Remove(HeaderNames.AccessControlAllowCredentials);
        var vary = headers.Vary.SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(value => !string.Equals(value, HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))
            .Concat(verdict.VaryOrigin ? [HeaderNames.Origin] : [])
            .ToArray();
        headers.Vary = vary.Length > 0 ? string.Join(", ", vary) : default;
        if (verdict.AllowOrigin is { } allowOrigin)
        {
            headers.AccessControlAllowOrigin = allowOrigin;
        }

        if (verdict.Credentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        if (preflight && verdict.AllowOrigin is not null)
        {
            headers.AccessControlAllowMethods = "GET, POST";
            headers.AccessControlAllowHeaders = "Content-Type";
        }

        if (policy == "no-vary")
        {
            headers.CacheControl = "public, max-age=600";
        }

        var rule = HttpSyntax.Printable(verdict.Rule);
        headers[DecisionHeader] = rule;
        headers.AccessControlExposeHeaders = DecisionHeader;
        _decisions.Add(Single(context, RunParameter), Single(context, "probe"), policy, context.Method, origin, rule);
    }

    /// <summary>The policy explorer's protected answer: the lab's secret, for a known policy.</summary>
    private static ValueTask PolicyAsync(RequestContext context)
    {
        var segments = context.Endpoint.Args.Split('/');
        var known = segments is [var policy, "secret"] && CorsPolicy.Names.Contains(policy.ToLowerInvariant());
        return Send(context, known ? EmbeddedFiles.Find("secret", "secret.txt") : null);
    }

    private async ValueTask SaveResultAsync(RequestContext context)
    {
        if (context.Body.Length > MaxResultBytes)
        {
            await context.SendErrorAsync(StatusCodes.Status413PayloadTooLarge, null, $"a result is at most {MaxResultBytes} bytes");
            return;
        }

        if (context.Json is not { } json)
        {
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, "send the result as a JSON object (Content-Type: application/json)");
            return;
        }

        var (parsed, problem) = LabResult.Parse(json, Context.TimeProvider.GetUtcNow());
        if (parsed is null)
        {
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, $"not a lab result: {HttpSyntax.Printable(problem)}");
            return;
        }

        var result = _results.Add(parsed);
        await context.SendJsonAsync(new { id = result.Id }, StatusCodes.Status201Created);
    }

    /// <summary>/lab/results: the listing; /lab/results/all.json and all.md: every result; N.json and N.md: one.</summary>
    private async ValueTask ListResultsAsync(RequestContext context)
    {
        var name = context.Endpoint.Args;
        if (name.Length == 0)
        {
            await context.RenderAsync(Listing(_results.All()));
            return;
        }

        var dot = name.LastIndexOf('.');
        var format = dot < 0 ? string.Empty : name[(dot + 1)..];
        var which = dot < 0 ? name : name[..dot];
        IReadOnlyList<LabResult> results = which == "all" ? _results.All()
            : int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? [.. _results.All().Where(result => result.Id == id)]
            : [];
        if (results.Count == 0 && which != "all" || format is not ("json" or "md"))
        {
            await context.SendErrorAsync(StatusCodes.Status404NotFound, null, "no such result: /lab/results/all.json, all.md, N.json or N.md");
            return;
        }

        var fileName = $"lab-results-{which}.{format}";
        if (format == "json")
        {
            var array = new JsonArray([.. results.Select(result => result.ToJson())]);
            await context.SendDownloadAsync(Encoding.UTF8.GetBytes(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true })), fileName, "application/json");
        }
        else
        {
            await context.SendDownloadAsync(Encoding.UTF8.GetBytes(LabResults.Markdown(results)), fileName, "text/markdown; charset=utf-8");
        }
    }

    private static string Listing(IReadOnlyList<LabResult> results)
    {
        var html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Lab results</title><link rel=stylesheet href=/lab/lab.css>");
        html.Append("<h1>Lab results</h1><p><a href=/lab/>the labs</a> · download all as <a href=/lab/results/all.json>JSON</a> or <a href=/lab/results/all.md>Markdown</a></p>");
        if (results.Count == 0)
        {
            html.Append("<p>No results yet: run a lab.</p>");
        }

        foreach (var result in results.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{result.Id}. {Html.Escape(result.Lab)} <small>run {Html.Escape(result.Run)}, {result.Time:u}</small></h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p>page {Html.Escape(result.Page)}, target {Html.Escape(result.Target)} · <a href=/lab/results/{result.Id}.json>JSON</a> · <a href=/lab/results/{result.Id}.md>Markdown</a> · requests: <code>{RunParameter}={Html.Escape(result.Run)}</code> in the request log</p>");
            html.Append("<table><tr><th></th>").AppendJoin("", result.Columns.Select(column => $"<th>{Html.Escape(column)}</th>")).Append("</tr>");
            foreach (var row in result.Rows)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Html.Escape(row.Name)}</th>")
                    .AppendJoin("", row.Cells.Select(cell => $"<td class=\"{Html.Escape(cell.Outcome)}\"><b>{Html.Escape(cell.Outcome)}</b> {Html.Escape(cell.Detail)}</td>"))
                    .Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.ToString();
    }

    private static ValueTask Send(RequestContext context, EmbeddedFile? file) => file is null
        ? new(context.SendErrorAsync(StatusCodes.Status404NotFound, "Not Found"))
        : new(context.RenderAsync(file.Body, file.ContentType));

    private static string? Single(RequestContext context, string name) =>
        context.Query.TryGetValue(name, out var values) && values.Count == 1 && values.ToString() is { Length: <= 64 } value ? HttpSyntax.Printable(value) : null;
}
