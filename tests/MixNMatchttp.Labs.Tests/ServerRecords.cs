using System.Text.Json;
using System.Text.RegularExpressions;

namespace MixNMatchttp.Labs.Tests;

/// <summary>What the lab server recorded of a page's run: the result the page sent (/lab/results) and the requests
/// the run made (/requests, tagged with <c>lab-run=ID</c>).</summary>
internal static partial class ServerRecords
{
    /// <summary>Asserts the page says it sent its result, and the server keeps it: one entry with the page's run id in
    /// /lab/results/all.json, with the page's columns and rows (every outcome and detail), and the same outcomes in the
    /// result's Markdown download.</summary>
    public static async Task AssertResultKeptAsync(LabServer lab, LabTable table)
    {
        var sent = Regex.Match(table.Status, $@"^Done \(run {Regex.Escape(table.Run)}\); sent as result ([0-9]+) to /lab/results\.$");
        Assert.True(sent.Success, $"the page's status does not say the result was sent: {table.Status}");
        using var client = lab.Client();
        var kept = JsonDocument.Parse(await client.GetStringAsync("/lab/results/all.json")).RootElement.EnumerateArray()
            .Where(result => result.GetProperty("run").GetString() == table.Run)
            .Select(result => new LabTable(result.Clone(), string.Empty))
            .ToList();
        var stored = Assert.Single(kept);
        Assert.Equal(sent.Groups[1].Value, stored.Json.GetProperty("id").ToString());
        Assert.Equal(table.Columns, stored.Columns);
        Assert.Equal(table.Rows, stored.Rows);

        var markdown = (await client.GetStringAsync($"/lab/results/{sent.Groups[1].Value}.md")).Split('\n');
        Assert.Contains(markdown, line => line.StartsWith($"## {table.Json.GetProperty("lab").GetString()} (result {sent.Groups[1].Value}, run `{table.Run}`", StringComparison.Ordinal));
        foreach (var row in table.Outcomes)
        {
            var name = row[..row.LastIndexOf(": ", StringComparison.Ordinal)];
            var line = Assert.Single(markdown, line => line.StartsWith($"| {name} |", StringComparison.Ordinal));
            Assert.Equal(row, $"{name}: {string.Join(' ', MarkdownOutcome().Matches(line).Select(match => match.Groups[1].Value))}");
        }
    }

    /// <summary>The targets of the requests in the server's request log that carry <c>lab-run=RUN</c>, each with
    /// whether it carried a cookie.</summary>
    public static async Task<IReadOnlyList<(string Method, string Target, bool Cookie)>> RequestsOfRunAsync(LabServer lab, string run)
    {
        using var client = lab.Client();
        var tag = new Regex($"[?&]lab-run={Regex.Escape(run)}(&|$)");
        return [.. JsonDocument.Parse(await client.GetStringAsync("/requests")).RootElement.EnumerateArray()
            .Where(request => tag.IsMatch(request.GetProperty("target").GetString()!))
            .Select(request => (
                request.GetProperty("method").GetString()!,
                request.GetProperty("target").GetString()!,
                request.GetProperty("headers").EnumerateArray().Any(header => string.Equals(header.GetProperty("name").GetString(), "Cookie", StringComparison.OrdinalIgnoreCase))))];
    }

    /// <summary>A cell's outcome in a Markdown row: " **read**" followed by its detail or the cell's end (a detail's
    /// own asterisks are escaped).</summary>
    [GeneratedRegex(@" \*\*([a-z]+)\*\*(?=:| \|)")]
    private static partial Regex MarkdownOutcome();
}
