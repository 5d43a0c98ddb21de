using System.Text.Json;
using Microsoft.Playwright;

namespace MixNMatchttp.Labs.Tests;

/// <summary>
/// Debian's headless Chromium (/usr/bin/chromium) driven by Playwright; no browser is downloaded. Each lab page runs in
/// a fresh context (no cookies from other runs), certificate errors ignored (the lab's certificate is self-signed).
/// </summary>
public sealed class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>How long a lab page may take, from the first navigation to its table.</summary>
    public static readonly TimeSpan PageBudget = TimeSpan.FromSeconds(10);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the screenshots go: the test output's screenshots folder, or $LAB_SCREENSHOTS when set (docs/labs).</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("LAB_SCREENSHOTS") is { Length: > 0 } directory ? directory : Path.Join(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"the browser lab tests need Chromium at {Chromium} (apt-get install chromium; .ci/run installs it)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    public async Task<IBrowserContext> NewContextAsync() =>
        await _browser!.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });

    /// <summary>Opens a lab page, waits (within <see cref="PageBudget"/>) for its table, saves a screenshot, and returns
    /// the table the page sent to /lab/results.</summary>
    public async Task<LabTable> RunAsync(string url, string screenshot)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        return await RunAsync(page, url, screenshot);
    }

    /// <summary>As <see cref="RunAsync(string, string)"/>, in a page of the caller's.</summary>
    public static async Task<LabTable> RunAsync(IPage page, string url, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(page);
        var started = DateTime.UtcNow;
        await page.GotoAsync(url);
        await WaitDoneAsync(page, started);
        return await TableAsync(page, screenshot);
    }

    /// <summary>Waits for body[data-state=done], within what is left of the page budget.</summary>
    public static async Task WaitDoneAsync(IPage page, DateTime started)
    {
        ArgumentNullException.ThrowIfNull(page);
        var left = PageBudget - (DateTime.UtcNow - started);
        await page.WaitForSelectorAsync("body[data-state=done]", new PageWaitForSelectorOptions { Timeout = (float)Math.Max(left.TotalMilliseconds, 1) });
    }

    public static async Task<LabTable> TableAsync(IPage page, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Join(ScreenshotDirectory, screenshot + ".png"), FullPage = true });
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.labResult)");
        return new LabTable(JsonDocument.Parse(json).RootElement.Clone(), await page.InnerTextAsync("#status"));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
