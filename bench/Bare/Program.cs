using System.Globalization;
using System.Net;
using Microsoft.Extensions.FileProviders;

// Bare ASP.NET Core baseline for bench/run.sh.
// Usage: Bare --port N --root DIR
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
    await Console.Error.WriteLineAsync("usage: Bare --port N --root DIR").ConfigureAwait(false);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));

var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
app.MapGet("/plaintext", () => "Hello, World!");

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Urls.Count > 0 ? string.Join(' ', app.Urls) : $"http://127.0.0.1:{port}";
    Console.WriteLine($"Bare listening on {addresses}");
});

await app.RunAsync().ConfigureAwait(false);
return 0;
