using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

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
    public static string ScreenshotDirectory { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("LAB_SCREENSHOTS") is { Length: > 0 } directory ? directory : Path.Join(AppContext.BaseDirectory, "screenshots"));

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"the browser lab tests need Chromium at {Chromium} (apt-get install chromium; .ci/run installs it)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }

    public async Task<IBrowserContext> NewContextAsync() =>
        await _browser!.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });

    /// <summary>Opens a lab page in a fresh context and returns its table (<see cref="TableAsync"/>).</summary>
    public async Task<LabTable> RunAsync(string url, string screenshot, ITestOutputHelper output)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        return await RunAsync(page, url, screenshot, output);
    }

    /// <summary>As <see cref="RunAsync(string, string, ITestOutputHelper)"/>, in a page of the caller's.</summary>
    public static async Task<LabTable> RunAsync(IPage page, string url, string screenshot, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url);
        return await TableAsync(page, clock, screenshot, output);
    }

    /// <summary>Clicks the page's "Run again" button and returns the new run's table (<see cref="TableAsync"/>).</summary>
    public static async Task<LabTable> RerunAsync(IPage page, string screenshot, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#rerun");
        return await TableAsync(page, clock, screenshot, output);
    }

    /// <summary>
    /// Waits for body[data-state=done] within what is left of the page budget (counted by <paramref name="clock"/>,
    /// started at the first navigation), writes the time it took and where the screenshot is to the test output, saves
    /// the screenshot (also when the page does not finish: it shows where the page stuck), and returns the table the
    /// page sent to /lab/results.
    /// </summary>
    public static async Task<LabTable> TableAsync(IPage page, Stopwatch clock, string screenshot, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        var path = ScreenshotPath(screenshot);
        try
        {
            await page.WaitForSelectorAsync("body[data-state=done]", new PageWaitForSelectorOptions { Timeout = MillisecondsLeft(clock) });
        }
        catch (TimeoutException)
        {
            output.WriteLine($"{screenshot}: not done after {clock.Elapsed.TotalSeconds:F2} s (budget {PageBudget.TotalSeconds:F0} s) at {page.Url}; screenshot: {path}");
            await ScreenshotAsync(page, screenshot);
            throw;
        }

        var elapsed = clock.Elapsed;
        output.WriteLine($"{screenshot}: done in {elapsed.TotalSeconds:F2} s (budget {PageBudget.TotalSeconds:F0} s); screenshot: {path}");
        await ScreenshotAsync(page, screenshot);
        Assert.True(elapsed <= PageBudget, $"{screenshot} took {elapsed.TotalSeconds:F2} s, over the {PageBudget.TotalSeconds:F0} s budget");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.labResult)");
        return new LabTable(JsonDocument.Parse(json).RootElement.Clone(), await page.InnerTextAsync("#status"));
    }

    /// <summary>Saves the whole page as <c>NAME.png</c> in <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = ScreenshotPath(name);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>What is left of the page budget, in milliseconds (at least 1), as Playwright's timeouts take it.</summary>
    public static float MillisecondsLeft(Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return (float)Math.Max((PageBudget - clock.Elapsed).TotalMilliseconds, 1);
    }

    private static string ScreenshotPath(string name) => Path.Join(ScreenshotDirectory, name + ".png");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
