namespace MixNMatchttp.Labs.Tests;

/// <summary>One browser and two labs for every browser test: the default one (the session cookie without SameSite,
/// which Chromium treats as Lax) and one whose cookie is <c>SameSite=None; Secure</c>.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public Browser Browser { get; } = new();

    internal LabServer Lab { get; private set; } = null!;

    internal LabServer LaxFree { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        Lab = await LabServer.StartAsync();
        LaxFree = await LabServer.StartAsync("--cookie-samesite", "none");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Lab.DisposeAsync();
        await LaxFree.DisposeAsync();
    }
}

/// <summary>The browser tests run one at a time (each page has a time budget), sharing the fixture.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserLabs : ICollectionFixture<LabFixture>
{
    public const string Name = "labs";
}
