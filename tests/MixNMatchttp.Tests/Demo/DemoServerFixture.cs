using Demo;

namespace MixNMatchttp.Tests.Demo;

/// <summary>One demo server (the seed README's MyHandler over a document root, listing off as in the original) shared by a test class.</summary>
public sealed class DemoServerFixture : IAsyncLifetime, IDisposable
{
    public const string ScriptContent = "console.log('cache me');\n";

    private readonly TempDirectory _root = new();
    private TestHost? _host;

    internal TestHost Host => _host ?? throw new InvalidOperationException("The demo server has not started.");

    public async Task InitializeAsync()
    {
        _root.File("script.js", ScriptContent);
        _host = await TestHost.StartAsync(DemoServer.Create(new MixServerOptions(), _root.Path));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public void Dispose() => _root.Dispose();
}
