using System.Text.Json;

namespace MixNMatchttp.Labs.Tests;

/// <summary>A lab page's result table (as it sent it to /lab/results, or as the server kept it) and the page's final
/// status line.</summary>
public sealed record LabTable(JsonElement Json, string Status)
{
    public string Run => Json.GetProperty("run").GetString()!;

    public IReadOnlyList<string> Columns => [.. Json.GetProperty("columns").EnumerateArray().Select(column => column.GetString()!)];

    /// <summary>One line per row: its name, then each cell's outcome ("XHR GET: read blocked error …").</summary>
    public IReadOnlyList<string> Outcomes =>
        [.. RowElements.Select(row => $"{Name(row)}: {string.Join(' ', Cells(row).Select(cell => cell.GetProperty("outcome").GetString()))}")];

    /// <summary>One line per row, every cell's outcome and detail ("XHR GET: read the secret | blocked TypeError: …").</summary>
    public IReadOnlyList<string> Rows =>
        [.. RowElements.Select(row => $"{Name(row)}: {string.Join(" | ", Cells(row).Select(cell => $"{cell.GetProperty("outcome").GetString()} {cell.GetProperty("detail").GetString()}"))}")];

    private IEnumerable<JsonElement> RowElements => Json.GetProperty("rows").EnumerateArray();

    /// <summary>The detail of the cell in row <paramref name="row"/> (its name) and column <paramref name="column"/>.</summary>
    public string Detail(string row, int column) =>
        Cells(RowElements.Single(r => Name(r) == row)).ElementAt(column).GetProperty("detail").GetString()!;

    /// <summary>The whole table, for failure messages.</summary>
    public override string ToString() => string.Join('\n', Rows);

    private static string Name(JsonElement row) => row.GetProperty("name").GetString()!;

    private static JsonElement.ArrayEnumerator Cells(JsonElement row) => row.GetProperty("cells").EnumerateArray();
}
