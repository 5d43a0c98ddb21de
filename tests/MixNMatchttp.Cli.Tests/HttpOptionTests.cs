using System.Net;
using static MixNMatchttp.Cli.Tests.CliServer;

namespace MixNMatchttp.Cli.Tests;

/// <summary>The HTTP options (headers, page cache, open redirect, no-cache and denied paths, downloads, listing, index,
/// path prefix), seen in real answers.</summary>
public sealed class HttpOptionTests
{
    [Fact]
    public async Task Headers_SeveralAfterOneFlagAndRepeated_AreOnEveryAnswerInOrder()
    {
        await using var server = await StartAsync("-H", "X-A: 1", "X-B: two words", "-H", "X-C: 3", "-H", "X-A: 4");

        using var file = await server.SendAsync(HttpMethod.Get, "/hello.txt");
        using var missing = await server.SendAsync(HttpMethod.Get, "/missing");

        foreach (var answer in new[] { file, missing })
        {
            Assert.Equal(["1", "4"], answer.Headers.GetValues("X-A"));
            Assert.Equal("two words", Header(answer, "X-B"));
            Assert.Equal("3", Header(answer, "X-C"));
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Cache_SavesAPostedPage_AndServesIt()
    {
        await using var server = await StartAsync("--cache");

        using var saved = await server.Client.PostAsync("/cache/page1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["data"] = "<script>alert(1)</script>",
            ["type"] = "text/html; charset=utf-8",
        }));
        using var page = await server.Client.GetAsync("/cache/page1");
        using var again = await server.Client.PostAsync("/cache/page1", new FormUrlEncodedContent(new Dictionary<string, string> { ["data"] = "x" }));
        using var never = await server.Client.GetAsync("/cache/never-saved");

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("<script>alert(1)</script>", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, never.StatusCode);
        Assert.Contains("modules: cache,", server.Cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutCache_ThereIsNoPageCache()
    {
        await using var server = await StartAsync();

        using var answer = await server.Client.PostAsync("/cache/page1", new FormUrlEncodedContent(new Dictionary<string, string> { ["data"] = "x" }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.StatusCode);
    }

    [Fact]
    public async Task Goto_RedirectsToTheAddressAfterGoto_AndRefusesControlCharacters()
    {
        await using var server = await StartAsync("--goto");

        using var redirect = await server.Client.GetAsync("/goto/http://example.test/x?a=1");
        var split = await server.GetRawAsync("/goto/http://example.test/%0d%0aSet-Cookie:%20a=1");
        using var none = await server.Client.GetAsync("/goto");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal("http://example.test/x?a=1", redirect.Headers.Location?.OriginalString);
        Assert.Equal(400, split.Status);
        Assert.Null(split.Header("Location"));
        Assert.Null(split.Header("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("goto", server.Cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCache_MarksEveryPathButTheExemptedOnes()
    {
        await using var server = await StartAsync(dir => dir.File("jquery-3.7.1.js", "jq"), "--no-cache", "*", "!/jquery-*.js");

        var file = await server.GetRawAsync("/hello.txt");
        var missing = await server.GetRawAsync("/missing");
        var jquery = await server.GetRawAsync("/jquery-3.7.1.js");

        foreach (var answer in new[] { file, missing })
        {
            Assert.Equal("no-cache, no-store, must-revalidate", answer.Header("Cache-Control"));
            Assert.Equal("no-cache", answer.Header("Pragma"));
            Assert.Equal("0", answer.Header("Expires"));
        }

        Assert.Equal(200, jquery.Status);
        Assert.Null(jquery.Header("Cache-Control"));
        Assert.Null(jquery.Header("Pragma"));
        Assert.Null(jquery.Header("Expires"));
    }

    [Fact]
    public async Task Deny_ByDefault_HidesDotFilesInEveryForm()
    {
        await using var server = await StartAsync(dir => dir.File(".env", "SECRET=1"));

        foreach (var target in new[] { "/.env", "/%2eenv", "/./.env", "/x/../.env", "//.env", "/.ENV" })
        {
            Assert.Equal(404, (await server.GetRawAsync(target)).Status);
        }
    }

    [Fact]
    public async Task Deny_WithAList_HidesWhatItMatches()
    {
        await using var server = await StartAsync(
            dir =>
            {
                dir.File("notes.bak", "old");
                dir.File("private/plan.txt", "plan");
                dir.File("public/private.txt", "not under /private");
            },
            "--deny", "*.bak", "/private");

        using var backup = await server.Client.GetAsync("/notes.bak");
        using var plan = await server.Client.GetAsync("/private/plan.txt");
        var sneaky = await server.GetRawAsync("/public/../%50RIVATE/plan.txt");
        using var allowed = await server.Client.GetAsync("/public/private.txt");

        Assert.Equal(HttpStatusCode.NotFound, backup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, plan.StatusCode);
        Assert.Equal(404, sneaky.Status);
        Assert.Equal("not under /private", await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deny_WithoutAValue_ServesDotFiles()
    {
        await using var server = await StartAsync(dir => dir.File(".env", "SECRET=1"), "--deny");

        Assert.Equal("SECRET=1", await server.Client.GetStringAsync("/.env"));
    }

    [Fact]
    public async Task Attachment_ServesTheListedExtensionsAsDownloads()
    {
        await using var server = await StartAsync(dir => dir.File("report.PDF", "%PDF"), "--attachment", "pdf", ".zip");

        using var report = await server.Client.GetAsync("/report.PDF");
        using var text = await server.Client.GetAsync("/hello.txt");

        Assert.Equal("attachment", report.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("inline", text.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task NoListing_RefusesDirectoriesWithoutAnIndex_AndStillServesFiles()
    {
        await using var server = await StartAsync(dir => dir.File("sub/a.txt", "a"), "--no-listing");

        using var root = await server.Client.GetAsync("/");
        using var sub = await server.Client.GetAsync("/sub/");

        Assert.Equal(HttpStatusCode.Forbidden, root.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sub.StatusCode);
        Assert.DoesNotContain("a.txt", await sub.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("a", await server.Client.GetStringAsync("/sub/a.txt"));
        Assert.Contains("modules: files\n", server.Cli.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_AfterNoListing_Wins()
    {
        await using var server = await StartAsync(dir => dir.File("sub/a.txt", "a"), "--no-listing", "--listing");

        Assert.Contains("href=\"a.txt\"", await server.Client.GetStringAsync("/sub/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_IsServedForADirectory_AndOthersAreListed()
    {
        await using var server = await StartAsync(
            dir =>
            {
                dir.File("app/start.html", "<p>start</p>");
                dir.File("app/index.html", "<p>not this one</p>");
                dir.File("other/a.txt", "a");
            },
            "--index", "start.html");

        Assert.Equal("<p>start</p>", await server.Client.GetStringAsync("/app/"));
        Assert.Contains("href=\"a.txt\"", await server.Client.GetStringAsync("/other/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathPrefix_ServesEverythingUnderThePrefixOnly()
    {
        await using var server = await StartAsync("--path-prefix", "/app", "--goto");

        using var outside = await server.Client.GetAsync("/hello.txt");
        using var lookalike = await server.Client.GetAsync("/application/hello.txt");
        using var redirect = await server.Client.GetAsync("/app/goto/http://example.test/");

        Assert.Equal("hello", await server.Client.GetStringAsync("/app/hello.txt"));
        Assert.Contains("href=\"hello.txt\"", await server.Client.GetStringAsync("/app/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookalike.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
    }
}
