using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mix;
using MixNMatchttp;

// MixNMatchttp server for bench/run.sh.
// Usage: Mix --port N --root DIR
var port = 0;
string? root = null;
for (var i = 0; i + 1 < args.Length; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            break;
        case "--root":
            root = Path.GetFullPath(args[++i]);
            break;
    }
}

if (root is null || !Directory.Exists(root))
{
    await Console.Error.WriteLineAsync("usage: Mix --port N --root DIR").ConfigureAwait(false);
    return 2;
}

// No logging providers, like Bare's ClearProviders().
await using var app = MixServer.Create(new MixServerOptions { Address = "127.0.0.1", Port = port, ConfigureLogging = _ => { } })
    .Add(new PlaintextModule())
    .Add(new StaticFiles(new StaticFilesOptions { Root = root }))
    .Build();

app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
{
    var addresses = app.Urls.Count > 0 ? string.Join(' ', app.Urls) : $"http://127.0.0.1:{port}";
    Console.WriteLine($"Mix listening on {addresses}");
});

await app.RunAsync().ConfigureAwait(false);
return 0;
