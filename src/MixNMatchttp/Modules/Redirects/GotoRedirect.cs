using Microsoft.AspNetCore.Http;

namespace MixNMatchttp.Redirects;

/// <summary>
/// An open redirect, on purpose, for security testing (docs/modules/goto.md): GET, POST, PUT, PATCH or DELETE on
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

    public override EndpointNode Endpoints => new()
    {
        ["goto"] = new() { AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"], NArgs = NArgs.Any, RawArgs = true },
    };

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Any("goto", RedirectAsync);
    }

    private async ValueTask RedirectAsync(RequestContext context)
    {
        var rawTarget = context.RawTarget;
        var address = GotoAddress.FromRawTarget(context.RawPath, rawTarget[context.RawPath.Length..], context.Endpoint.Args);
        if (GotoAddress.HasControlCharacters(address))
        {
            Context.Logger.ControlCharacters(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(rawTarget));
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, ControlCharacters);
            return;
        }

        var location = address.Length == 0 ? null
            : GotoAddress.IsAbsolute(address) ? address
            : RedirectBase.From(context.Request.Headers) is { } bases ? Resolve(bases, address)
            : null;
        if (location is null)
        {
            Context.Logger.NoTarget(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(rawTarget));
            await context.SendEmptyAsync(StatusCodes.Status200OK);
            return;
        }

        location = HttpSyntax.EscapeNonAscii(location);
        Context.Logger.Redirecting(HttpSyntax.Printable(context.Method), HttpSyntax.Printable(rawTarget), HttpSyntax.Printable(location));
        await context.RedirectAsync(location, StatusCodes.Status307TemporaryRedirect);
    }

    private static string Resolve(RedirectBase bases, string address) =>
        address.StartsWith('/') ? bases.Origin + address : bases.Origin + bases.Directory + address;
}
