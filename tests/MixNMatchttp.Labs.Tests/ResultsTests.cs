using System.Net;
using System.Text;
using System.Text.Json;

namespace MixNMatchttp.Labs.Tests;

/// <summary>/lab/results: what the pages send, kept in memory, listed, downloadable as JSON and Markdown; anything
/// else is refused with a 4xx and one line.</summary>
[Collection(BrowserLabs.Name)]
public sealed class ResultsTests(LabFixture fixture)
{
    private const string Valid = """
        {"lab":"sop","run":"r-1","page":"https://a","target":"https://t","columns":["c1","c2"],
         "rows":[{"name":"XHR | GET","cells":[{"outcome":"read","detail":"the *secret*"},{"outcome":"blocked","detail":""}]}]}
        """;

    [Fact]
    public async Task AResult_IsKept_ListedAndDownloadable()
    {
        using var client = fixture.Lab.Client();
        var run = "r-" + Guid.NewGuid().ToString("N")[..8];
        using var saved = await PostAsync(client, Valid.Replace("\"r-1\"", $"\"{run}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var listing = await client.GetStringAsync("/lab/results");
        Assert.Contains($"run {run}", listing, StringComparison.Ordinal);
        Assert.Contains("<th>XHR | GET</th><td class=\"read\"><b>read</b> the *secret*</td>", listing, StringComparison.Ordinal);

        using var json = await client.GetAsync($"/lab/results/{id}.json");
        Assert.Equal("attachment; filename=\"lab-results-" + id + ".json\"", json.Content.Headers.ContentDisposition!.ToString());
        var result = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(run, result.GetProperty("run").GetString());
        Assert.Equal("the *secret*", result.GetProperty("rows")[0].GetProperty("cells")[0].GetProperty("detail").GetString());

        var markdown = await client.GetStringAsync($"/lab/results/{id}.md");
        Assert.Contains("| | c1 | c2 |\n| --- | --- | --- |\n| XHR \\| GET | **read**: the \\*secret\\* | **blocked** |\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"run `{run}`", await client.GetStringAsync("/lab/results/all.md"), StringComparison.Ordinal);
        Assert.Contains(run, await client.GetStringAsync("/lab/results/all.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewest200_AreKept()
    {
        using var client = fixture.Lab.Client();
        var prefix = "k" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i <= 200; i++)
        {
            using var saved = await PostAsync(client, Valid.Replace("\"r-1\"", $"\"{prefix}-{i}\"", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        }

        var runs = JsonDocument.Parse(await client.GetStringAsync("/lab/results/all.json")).RootElement.EnumerateArray()
            .Select(result => result.GetProperty("run").GetString()).ToList();
        Assert.Equal(200, runs.Count);
        Assert.DoesNotContain($"{prefix}-0", runs);
        Assert.Equal($"{prefix}-1", runs[0]);
        Assert.Equal($"{prefix}-200", runs[^1]);
    }

    [Theory]
    [InlineData("[]", "not a lab result: the result must be a JSON object")]
    [InlineData("{}", "not a lab result: 'columns' is missing")]
    [InlineData("""{"lab":"sop","run":"r","page":"p","target":"t","columns":"c","rows":[]}""", "not a lab result: 'columns' must be an array")]
    [InlineData("""{"lab":"s o p","run":"r","page":"p","target":"t","columns":[],"rows":[]}""", "not a lab result: 'lab' must be 1 to 64 ASCII letters, digits, '-' or '_'")]
    [InlineData("""{"lab":"sop","run":"r\u00e9","page":"p","target":"t","columns":[],"rows":[]}""", "not a lab result: 'run' must be 1 to 64 ASCII letters, digits, '-' or '_'")]
    [InlineData("""{"lab":"sop","run":"r","page":"p\u0007","target":"t","columns":[],"rows":[]}""", "not a lab result: 'page' has control characters")]
    [InlineData("""{"lab":"sop","run":"r","page":"p","target":"t","columns":["a"],"rows":[{"name":"x","cells":[]}]}""", "not a lab result: a row has 0 cells for 1 columns")]
    [InlineData("""{"lab":"sop","run":"r","page":"p","target":"t","columns":[1],"rows":[]}""", "not a lab result: 'a column' must be a string")]
    [InlineData("""{"lab":"sop","run":"r","page":"p","target":"t","columns":[],"rows":[7]}""", "not a lab result: each row must be an object")]
    public async Task AMalformedResult_Is400_WithOneLine(string body, string problem)
    {
        using var client = fixture.Lab.Client();
        using var response = await PostAsync(client, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyRowsOrTooLongText_Is400()
    {
        using var client = fixture.Lab.Client();
        var rows = string.Join(',', Enumerable.Repeat("""{"name":"x","cells":[]}""", 65));
        using var many = await PostAsync(client, $$"""{"lab":"sop","run":"r","page":"p","target":"t","columns":[],"rows":[{{rows}}]}""");
        Assert.Contains("'rows' has 65 entries; at most 64", await many.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var longText = await PostAsync(client, $$"""{"lab":"sop","run":"r","page":"{{new string('p', 201)}}","target":"t","columns":[],"rows":[]}""");
        Assert.Contains("'page' is longer than 200 characters", await longText.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHugeResult_Is413()
    {
        using var client = fixture.Lab.Client();
        using var response = await PostAsync(client, $$"""{"lab":"sop","pad":"{{new string('x', 70_000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task NotJson_Is400()
    {
        using var client = fixture.Lab.Client();
        using var form = await client.PostAsync("/lab/results", new FormUrlEncodedContent(new Dictionary<string, string> { ["lab"] = "sop" }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("send the result as a JSON object", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var broken = await PostAsync(client, "{\"lab\":");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Theory]
    [InlineData("/lab/results/all.xml")]
    [InlineData("/lab/results/999999.json")]
    [InlineData("/lab/results/x.md")]
    [InlineData("/lab/results/all")]
    [InlineData("/lab/nothing.html")]
    [InlineData("/secret/other.txt")]
    public async Task UnknownResultsOrPages_Are404(string path)
    {
        using var client = fixture.Lab.Client();
        using var login = await client.GetAsync("/login?username=a&password=b");
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", login.Headers.GetValues("Set-Cookie").Single().Split(';')[0] } } };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync("/lab/results", new StringContent(json, Encoding.UTF8, "application/json"));
}
