using Lab;
using MixNMatchttp;

try
{
    await using var app = LabServer.Create(LabOptions.Parse(args)).Build();
    await app.RunAsync();
}
catch (Exception e) when (e is ArgumentException or MixConfigurationException or IOException)
{
    await Console.Error.WriteLineAsync($"lab: {e.Message}");
    return 2;
}

return 0;
