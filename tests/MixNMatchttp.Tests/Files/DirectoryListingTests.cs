using System.Net;
using System.Text.RegularExpressions;
using MixNMatchttp.Files;

namespace MixNMatchttp.Tests.Files;

/// <summary>Directories (docs/modules/static-files.md): redirect to the trailing-slash URL, index file, HTML listing whose links work.</summary>
public sealed partial class DirectoryListingTests
{
    /// <summary>Awkward names: each must be listed escaped and reachable through its link.</summary>
    private static readonly string[] AwkwardFileNames =
    [
        "plain.txt",
        "a b.txt",
        "hash#1.txt",
        "what?.txt",
        "é ü.txt",
        "<b>&.txt",
        "100%.txt",
        "a+b.txt",
        "semi;colon.txt",
        "quote\"apos'.txt",
        "Upper.TXT",
        "日本語.txt",
    ];

    [Theory]
    [InlineData("/docs", "/docs/")]
    [InlineData("/docs/nested", "/docs/nested/")]
    [InlineData("/docs?x=1&y=2", "/docs/?x=1&y=2")]
    [InlineData("/my%20dir", "/my%20dir/")]
    public async Task DirectoryWithoutTrailingSlash_Redirects301ToTheSlashUrl(string target, string location)
    {
        using var dir = new TempDirectory();
        dir.File("docs/nested/index.html", "nested index");
        dir.File("my dir/index.html", "spaced index");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await host.GetRawAsync(target);

        Assert.Equal(301, response.Status);
        Assert.Equal(location, response.Header("Location"));
    }

    [Fact]
    public async Task DirectorySymlinkWithoutTrailingSlash_RedirectsToTheRequestedNameNotTheLinkTarget()
    {
        using var dir = new TempDirectory();
        var real = Path.Join(dir.Path, "deep", "nested", "real");
        dir.File("deep/nested/real/index.html", "linked index");
        Directory.CreateSymbolicLink(Path.Join(dir.Path, "alias"), real);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var redirect = await host.GetRawAsync("/alias");
        var followed = await host.GetRawAsync(redirect.Header("Location")!);

        Assert.Equal(301, redirect.Status);
        Assert.Equal("/alias/", redirect.Header("Location"));
        Assert.Equal(200, followed.Status);
        Assert.Equal("linked index", followed.Text);
    }

    [Fact]
    public async Task RedirectLocation_ResolvesToAUrlThatServesTheDirectory()
    {
        using var dir = new TempDirectory();
        dir.File("my dir/index.html", "spaced index");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var redirect = await host.GetRawAsync("/my%20dir");
        var response = await host.GetRawAsync(redirect.Header("Location")!);

        Assert.Equal(301, redirect.Status);
        Assert.Equal(200, response.Status);
        Assert.Equal("spaced index", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DirectoryWithIndexHtml_ServesTheIndexFile(bool directoryListing)
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", "<h1>index</h1>");
        dir.File("site/other.txt", "other");
        dir.File("index.html", "<h1>root index</h1>");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing);

        var site = await host.GetRawAsync("/site/");
        var root = await host.GetRawAsync("/");

        Assert.Equal(200, site.Status);
        Assert.Equal("<h1>index</h1>", site.Text);
        Assert.Equal("text/html; charset=utf-8", site.Header("Content-Type"));
        Assert.NotNull(site.Header("ETag"));
        Assert.Equal(200, root.Status);
        Assert.Equal("<h1>root index</h1>", root.Text);
    }

    [Fact]
    public async Task IndexFileThatIsASymlinkInsideTheRoot_IsServedWhole()
    {
        using var dir = new TempDirectory();
        var content = string.Concat(Enumerable.Repeat("<p>the real index page</p>\n", 20));
        var target = dir.File("pages/home.html", content);
        Directory.CreateDirectory(Path.Join(dir.Path, "site"));
        File.CreateSymbolicLink(Path.Join(dir.Path, "site", "index.html"), target);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(200, response.Status);
        Assert.Equal(content, response.Text);
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("Content-Length"));
    }

    [Fact]
    public async Task CustomIndexFileName_IsServedForTheDirectory()
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", "not this one");
        dir.File("site/default.htm", "custom index");
        await using var host = await TestHost.StartAsync(StaticFilesHost.Create(new StaticFilesOptions { Root = dir.Path, IndexFile = "default.htm" }));

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(200, response.Status);
        Assert.Equal("custom index", response.Text);
    }

    [Fact]
    public async Task IndexFileNull_DisablesTheIndexSoTheDirectoryIsListed()
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", "<h1>index</h1>");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true, indexFile: null);

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(200, response.Status);
        Assert.DoesNotContain("<h1>index</h1>", response.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"index.html\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexFileNullAndListingDisabled_Is403()
    {
        using var dir = new TempDirectory();
        dir.File("site/index.html", "<h1>index</h1>");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: false, indexFile: null);

        var response = await host.GetRawAsync("/site/");

        Assert.Equal(403, response.Status);
        Assert.DoesNotContain("<h1>index</h1>", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/site/")]
    public async Task DirectoryWithoutIndexAndListingDisabled_Is403(string target)
    {
        using var dir = new TempDirectory();
        dir.File("site/secret-name.txt", "x");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: false);

        var response = await host.GetRawAsync(target);

        Assert.Equal(403, response.Status);
        Assert.DoesNotContain("secret-name", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_IsHtmlSortedWithDirectoriesMarkedBySlash()
    {
        using var dir = new TempDirectory();
        dir.File("list/zeta.txt", "z");
        dir.File("list/Alpha.txt", "a");
        dir.File("list/beta/inner.txt", "i");
        dir.File("list/gamma.txt", "g");
        Directory.CreateDirectory(Path.Join(dir.Path, "list", "Delta"));
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await host.GetRawAsync("/list/");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(["Alpha.txt", "beta/", "Delta/", "gamma.txt", "zeta.txt"], LinkTexts(response.Text));
        Assert.Equal(["Alpha.txt", "beta/", "Delta/", "gamma.txt", "zeta.txt"], Hrefs(response.Text));
        Assert.DoesNotContain("inner.txt", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_EscapesNamesAsHtml()
    {
        using var dir = new TempDirectory();
        dir.File("list/<b>&.txt", "bold");
        dir.File("list/<script>alert(1)<%2fscript>.txt", "xss");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await host.GetRawAsync("/list/");

        Assert.Equal(200, response.Status);
        Assert.DoesNotContain("<b>", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", response.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;.txt", response.Text, StringComparison.Ordinal);
        Assert.Contains("<b>&.txt", LinkTexts(response.Text));
    }

    [Fact]
    public async Task ListingLinks_WorkForAwkwardNames()
    {
        using var dir = new TempDirectory();
        foreach (var name in AwkwardFileNames)
        {
            dir.File("list dir/" + name, "content of " + name);
        }

        dir.File("list dir/sub #?/child.txt", "child");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);
        const string directoryUrl = "/list%20dir/";

        var listing = await host.GetRawAsync(directoryUrl);

        Assert.Equal(200, listing.Status);
        var hrefs = Hrefs(listing.Text);
        Assert.Equal(AwkwardFileNames.Length + 1, hrefs.Count);
        var served = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var href in hrefs)
        {
            Assert.DoesNotContain(' ', href);
            Assert.DoesNotContain('#', href);
            Assert.DoesNotContain('?', href);
            Assert.True(href.All(char.IsAscii), $"href '{href}' is not ASCII");
            var response = await host.GetRawAsync(Resolve(directoryUrl, href));
            Assert.True(response.Status == 200, $"link '{href}' answered {response.Status}");
            served[href] = response.Text;
        }

        foreach (var name in AwkwardFileNames)
        {
            Assert.Contains("content of " + name, served.Values);
        }

        var subHref = Assert.Single(hrefs, href => href.EndsWith('/'));
        Assert.Contains("href=\"child.txt\"", served[subHref], StringComparison.Ordinal);
        Assert.Equal(AwkwardFileNames.Order(StringComparer.OrdinalIgnoreCase).Append("sub #?/").Order(StringComparer.OrdinalIgnoreCase), LinkTexts(listing.Text));
    }

    [Fact]
    public async Task NestedDirectoryLinks_ResolveRelativeToTheDirectoryUrl()
    {
        using var dir = new TempDirectory();
        dir.File("a/b c/d.txt", "deep file");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var rootListing = await host.GetRawAsync("/");
        var aUrl = Resolve("/", Assert.Single(Hrefs(rootListing.Text)));
        var aListing = await host.GetRawAsync(aUrl);
        var bUrl = Resolve(aUrl, Assert.Single(Hrefs(aListing.Text)));
        var bListing = await host.GetRawAsync(bUrl);
        var file = await host.GetRawAsync(Resolve(bUrl, Assert.Single(Hrefs(bListing.Text))));

        Assert.Equal("/a/", aUrl);
        Assert.Equal(200, bListing.Status);
        Assert.Equal(200, file.Status);
        Assert.Equal("deep file", file.Text);
    }

    [Fact]
    public async Task EmptyDirectory_IsListedWithNoEntries()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Join(dir.Path, "empty"));
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await host.GetRawAsync("/empty/");

        Assert.Equal(200, response.Status);
        Assert.Contains("Directory listing for /empty/", response.Text, StringComparison.Ordinal);
        Assert.Empty(Hrefs(response.Text));
    }

    [Fact]
    public async Task HeadOfAListing_HasNoBody()
    {
        using var dir = new TempDirectory();
        dir.File("list/file.txt", "f");
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await host.RawAsync("HEAD", "/list/");

        Assert.Equal(200, response.Status);
        Assert.Empty(response.Body);
    }

    /// <summary>Resolves a relative href against a directory URL the way a browser does for these simple links.</summary>
    private static string Resolve(string directoryUrl, string href) => href.StartsWith('/') ? href : directoryUrl + href;

    private static List<string> Hrefs(string html) =>
        [.. HrefPattern().Matches(html).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))];

    private static List<string> LinkTexts(string html) =>
        [.. LinkTextPattern().Matches(html).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))];

    [GeneratedRegex("<a href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("<a href=\"[^\"]*\">([^<]*)</a>")]
    private static partial Regex LinkTextPattern();
}
