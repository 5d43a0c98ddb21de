using System.Text.Json;

namespace MixNMatchttp.Labs.Tests;

/// <summary>A lab page's result table (as it sent it to /lab/results) and its final status line.</summary>
public sealed record LabTable(JsonElement Json, string Status)
{
    public string Run => Json.GetProperty("run").GetString()!;

    public IReadOnlyList<string> Columns => [.. Json.GetProperty("columns").EnumerateArray().Select(column => column.GetString()!)];

    /// <summary>One line per row: its name, then each cell's outcome ("XHR GET: read blocked error …").</summary>
    public IReadOnlyList<string> Outcomes =>
        [.. Json.GetProperty("rows").EnumerateArray().Select(row =>
            $"{row.GetProperty("name").GetString()}: {string.Join(' ', row.GetProperty("cells").EnumerateArray().Select(cell => cell.GetProperty("outcome").GetString()))}")];

    /// <summary>The detail of the cell in row <paramref name="row"/> (its name) and column <paramref name="column"/>.</summary>
    public string Detail(string row, int column) =>
        Json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == row).GetProperty("cells")[column].GetProperty("detail").GetString()!;

    /// <summary>The whole table, for failure messages.</summary>
    public override string ToString() =>
        string.Join('\n', Json.GetProperty("rows").EnumerateArray().Select(row =>
            $"{row.GetProperty("name").GetString()}: {string.Join(" | ", row.GetProperty("cells").EnumerateArray().Select(cell => $"{cell.GetProperty("outcome").GetString()} {cell.GetProperty("detail").GetString()}"))}"));
}
