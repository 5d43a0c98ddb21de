using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MixNMatchttp.Redirects;

/// <summary>
/// An open redirect, on purpose, for security testing (SPEC §7): GET, POST, PUT, PATCH or DELETE on
/// <c>/goto/{address}</c> answers 307 with <c>Location: {address}</c>. The address is the raw request target after
/// <c>/goto/</c>, query string included, neither percent-decoded nor canonicalized. An address with a scheme
/// (<c>https://h/x</c>, <c>mailto:x</c>) or a host (<c>//h/x</c>) is sent as it is; any other address is resolved
/// against the host from the Referer, Origin, X-Forwarded-Host (with X-Forwarded-Proto), X-Forwarded-For or Forwarded
/// header, the first that gives one: <c>/x</c> against that host's root, <c>x</c> against the referring page's
/// directory. No address, or no host for a relative one: 200 with an empty body. An address with control characters,
/// raw or percent-encoded, gets 400 (it could split the response).
/// <code>
/// MixServer.Create().Add(new GotoRedirect()).Build();
/// </code>
/// </summary>
public sealed class GotoRedirect : MixModule
{
    private const string ControlCharacters = "the redirect address contains control characters (raw or percent-encoded)";

    private ILogger _logger = NullLogger.Instance;

    public override EndpointNode Endpoints => new()
    {
        ["goto"] = new() { AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"], NArgs = NArgs.Any, RawArgs = true },
    };

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Any("goto", RedirectAsync);
    }

    public override void Start(IServiceProvider services) =>
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<GotoRedirect>();

    private async ValueTask RedirectAsync(RequestContext context)
    {
        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var address = GotoAddress.FromRawTarget(rawTarget, context.Endpoint.Args);
        if (GotoAddress.HasControlCharacters(address))
        {
            _logger.ControlCharacters(context.Method, rawTarget);
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, ControlCharacters);
            return;
        }

        var location = address.Length == 0 ? null
            : GotoAddress.IsAbsolute(address) ? address
            : RedirectBase.From(context.Request.Headers) is { } bases ? Resolve(bases, address)
            : null;
        if (location is null)
        {
            _logger.NoTarget(context.Method, rawTarget);
            await context.SendEmptyAsync(StatusCodes.Status200OK);
            return;
        }

        location = GotoAddress.EscapeNonAscii(location);
        _logger.Redirecting(context.Method, rawTarget, location);
        await context.RedirectAsync(location, StatusCodes.Status307TemporaryRedirect);
    }

    private static string Resolve(RedirectBase bases, string address) =>
        address.StartsWith('/') ? bases.Origin + address : bases.Origin + bases.Directory + address;
}
