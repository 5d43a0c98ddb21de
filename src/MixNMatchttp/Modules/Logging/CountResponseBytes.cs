using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MixNMatchttp.Logging;

/// <summary>Puts a <see cref="ResponseCounter"/> in front of every request's response body, before anything else runs;
/// registered by <see cref="AccessLog"/> only, so a server without an access log pays nothing.</summary>
internal sealed class CountResponseBytes(TimeProvider time) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CountAsync);
        next(app);
    };

    private Task CountAsync(HttpContext http, RequestDelegate next)
    {
        var features = http.Features;
        features.Set<IHttpResponseBodyFeature>(new ResponseCounter(features.GetRequiredFeature<IHttpResponseBodyFeature>(), time.GetUtcNow()));
        return next(http);
    }
}
