using System.Globalization;
using Demo;
using MixNMatchttp;

try
{
    var options = new MixServerOptions();
    var root = Directory.GetCurrentDirectory();
    var listing = false;
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--listing")
        {
            listing = true;
            continue;
        }

        var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i++])
        {
            case "--port":
                options.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : throw new ArgumentException($"--port must be a number, not '{value}'");
                break;
            case "--address":
                options.Address = value;
                break;
            case "--root":
                root = value;
                break;
            default:
                throw new ArgumentException($"unknown option '{args[i - 1]}' (options: --port N, --address IP, --root DIR, --listing)");
        }
    }

    await using var app = DemoServer.Create(options, root, listing).Build();
    await app.RunAsync();
}
catch (Exception e) when (e is ArgumentException or MixConfigurationException or IOException)
{
    await Console.Error.WriteLineAsync($"demo: {e.Message}");
    return 2;
}

return 0;
