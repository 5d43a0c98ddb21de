using System.Text;
using Microsoft.AspNetCore.Http;

namespace MixNMatchttp.Caching;

/// <summary>
/// The page cache (docs/modules/cache.md): <c>POST /echo</c> renders the page a request carries; <c>POST /cache/{name}</c> saves
/// it (never overwriting a name saved before, even after clearing; 500 when the name is taken or the cap would be
/// exceeded); <c>GET /cache/{name}</c> returns it; <c>GET /cache/clear/{name}</c> and <c>GET /cache/clear</c> free
/// one or all pages; <c>GET /cache/new</c> gives a random UUID to use as a name. A page is a JSON object with base64
/// <c>data</c> or a URL-encoded form with <c>data</c>, plus an optional <c>type</c> (default text/plain). Names and types
/// are limited to 255 bytes and count against the cap with the body.
/// <code>
/// MixServer.Create().Add(new PageCache(new PageCacheOptions { MaxBytes = 8 * 1024 * 1024 })).Build();
/// </code>
/// </summary>
public sealed class PageCache : MixModule
{
    private const string NameTaken = "a page was already saved under this name: pages are never overwritten, even after clearing";
    private const string CapacityExceeded = "the page does not fit in the cache's memory cap";
    private const string NoSuchPage = "no such page: it was never saved, or it was cleared";
    private const string NameTooLong = "the page name is longer than 255 bytes (UTF-8)";

    /// <summary>The longest page name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    private readonly PageCacheOptions _options;
    private IPageStore? _store;

    /// <summary>Creates the module; <paramref name="options"/> default to a 2 MiB memory store.</summary>
    public PageCache(PageCacheOptions? options = null)
    {
        _options = options ?? new PageCacheOptions();
    }

    /// <summary>The store in use; set when the server is built.</summary>
    public IPageStore Store => _store ?? throw new InvalidOperationException("The page cache has no store until the server is built.");

    public override EndpointNode Endpoints => new()
    {
        ["echo"] = new() { AllowedMethods = ["POST"] },
        ["cache"] = new()
        {
            AllowedMethods = ["GET", "POST"],
            NArgs = 1,
            ["clear"] = new() { NArgs = NArgs.Optional },
            ["new"] = new(),
        },
    };

    public override void MapHandlers(HandlerMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Post("echo", EchoAsync)
            .Post("cache", SaveAsync)
            .Get("cache", GetAsync)
            .Get("cache/clear", ClearAsync)
            .Map("HEAD", "cache/clear", context => new(context.SendEmptyAsync()))
            .Get("cache/new", context => new(context.RenderAsync(Guid.NewGuid().ToString("D"), PageDecoder.DefaultType)));
    }

    public override void Configure(ModuleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (_options.Store is null && _options.MaxBytes <= 0)
        {
            configuration.Problem($"PageCacheOptions.MaxBytes must be positive, not {_options.MaxBytes}.");
            return;
        }

        _store = _options.Store ?? new MemoryPageStore(_options.MaxBytes);
    }

    private async ValueTask EchoAsync(RequestContext context)
    {
        if (await DecodeAsync(context) is { } page)
        {
            await context.RenderAsync(page);
        }
    }

    private async ValueTask SaveAsync(RequestContext context)
    {
        if (await DecodeAsync(context) is not { } page)
        {
            return;
        }

        var name = context.Endpoint.Args;
        if (await RefuseLongNameAsync(context, name))
        {
            return;
        }

        var result = await Store.TryAddAsync(name, page, context.Aborted);
        if (result == PageAddResult.Added)
        {
            Context.Logger.PageSaved(HttpSyntax.Printable(name), page.Body.Length, HttpSyntax.Printable(page.ContentType));
            await context.SendEmptyAsync();
            return;
        }

        Context.Logger.PageNotSaved(HttpSyntax.Printable(name), page.Body.Length, result);
        await context.SendErrorAsync(StatusCodes.Status500InternalServerError, null, result == PageAddResult.NameTaken ? NameTaken : CapacityExceeded);
    }

    private async ValueTask GetAsync(RequestContext context)
    {
        if (await RefuseLongNameAsync(context, context.Endpoint.Args))
        {
            return;
        }

        var page = await Store.GetAsync(context.Endpoint.Args, context.Aborted);
        await (page is null
            ? context.SendErrorAsync(StatusCodes.Status500InternalServerError, null, NoSuchPage)
            : context.RenderAsync(page));
    }

    private async ValueTask ClearAsync(RequestContext context)
    {
        var name = context.Endpoint.Args;
        if (name.Length == 0)
        {
            await Store.ClearAsync(context.Aborted);
            Context.Logger.AllPagesCleared();
        }
        else
        {
            var held = await Store.RemoveAsync(name, context.Aborted);
            Context.Logger.PageCleared(HttpSyntax.Printable(name), held);
        }

        await context.SendEmptyAsync();
    }

    /// <summary>Answers 400 when <paramref name="name"/> is longer than <see cref="MaxNameBytes"/> UTF-8 bytes.</summary>
    private async ValueTask<bool> RefuseLongNameAsync(RequestContext context, string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return false;
        }

        Context.Logger.PageRefused(NameTooLong);
        await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, NameTooLong);
        return true;
    }

    /// <summary>The request's page, or null after answering 400 with the reason.</summary>
    private async ValueTask<Page?> DecodeAsync(RequestContext context)
    {
        var (page, error) = PageDecoder.Decode(context);
        if (error is not null)
        {
            Context.Logger.PageRefused(error);
            await context.SendErrorAsync(StatusCodes.Status400BadRequest, null, error);
        }

        return page;
    }
}
