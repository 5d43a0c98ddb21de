using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MixNMatchttp.Cli.Lab;

/// <summary>One cell of a lab's table: what happened (<c>read</c>, <c>blocked</c>, <c>error</c>…) and what the browser
/// said.</summary>
internal sealed record LabCell(string Outcome, string Detail);

/// <summary>One row of a lab's table.</summary>
internal sealed record LabRow(string Name, IReadOnlyList<LabCell> Cells);

/// <summary>
/// The table a lab page sent to <c>/lab/results</c>, checked: which lab, its run id (the <c>lab-run</c> query parameter
/// of every request the run made), the page's and the target's origins, the columns and the rows.
/// </summary>
internal sealed record LabResult(int Id, DateTimeOffset Time, string Lab, string Run, string Page, string Target, IReadOnlyList<string> Columns, IReadOnlyList<LabRow> Rows)
{
    public const int MaxColumns = 16;
    public const int MaxRows = 64;
    private const int MaxText = 300;

    /// <summary>Reads a page's JSON table (numbered 0 until kept); the problem, in one line, when it is not one.</summary>
    public static (LabResult? Result, string? Problem) Parse(JsonElement json, DateTimeOffset time)
    {
        try
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                return (null, "the result must be a JSON object");
            }

            var columns = Array(json, "columns", MaxColumns).Select(column => Text(column, "a column", 100)).ToList();
            var rows = new List<LabRow>();
            foreach (var row in Array(json, "rows", MaxRows))
            {
                if (row.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("each row must be an object");
                }

                var cells = Array(row, "cells", MaxColumns).Select(cell => cell.ValueKind == JsonValueKind.Object
                    ? new LabCell(Word(Member(cell, "outcome"), "outcome"), Text(Member(cell, "detail"), "detail", MaxText))
                    : throw new FormatException("each cell must be an object")).ToList();
                if (cells.Count != columns.Count)
                {
                    throw new FormatException($"a row has {cells.Count} cells for {columns.Count} columns");
                }

                rows.Add(new LabRow(Text(Member(row, "name"), "name", 100), cells));
            }

            return (new LabResult(0, time, Word(Member(json, "lab"), "lab"), Word(Member(json, "run"), "run"),
                Text(Member(json, "page"), "page", 200), Text(Member(json, "target"), "target", 200), columns, rows), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["time"] = Time.ToString("O", CultureInfo.InvariantCulture),
        ["lab"] = Lab,
        ["run"] = Run,
        ["page"] = Page,
        ["target"] = Target,
        ["columns"] = new JsonArray([.. Columns.Select(column => JsonValue.Create(column))]),
        ["rows"] = new JsonArray([.. Rows.Select(row => new JsonObject
        {
            ["name"] = row.Name,
            ["cells"] = new JsonArray([.. row.Cells.Select(cell => new JsonObject { ["outcome"] = cell.Outcome, ["detail"] = cell.Detail })]),
        })]),
    };

    /// <summary>The result as a Markdown section: a heading, the origins and run, and the table.</summary>
    public void WriteMarkdown(StringBuilder markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        markdown.Append(CultureInfo.InvariantCulture, $"## {Lab} (result {Id}, run `{Run}`, {Time:u})\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"page {Cell(Page)}, target {Cell(Target)}\n\n");
        markdown.Append("| |").AppendJoin("", Columns.Select(column => $" {Cell(column)} |")).Append('\n');
        markdown.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" --- |", Columns.Count))).Append('\n');
        foreach (var row in Rows)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"| {Cell(row.Name)} |")
                .AppendJoin("", row.Cells.Select(cell => $" **{cell.Outcome}**{(cell.Detail.Length > 0 ? ": " + Cell(cell.Detail) : string.Empty)} |"))
                .Append('\n');
        }

        markdown.Append('\n');
    }

    /// <summary>Text for a Markdown table cell: pipes, backslashes and markup characters escaped.</summary>
    private static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '|' or '\\' or '*' or '_' or '`' or '<' or '>' or '[' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static JsonElement Member(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value : throw new FormatException($"'{name}' is missing");

    private static JsonElement.ArrayEnumerator Array(JsonElement json, string name, int max)
    {
        var value = Member(json, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' must be an array");
        }

        var length = value.GetArrayLength();
        return length > max ? throw new FormatException($"'{name}' has {length} entries; at most {max}") : value.EnumerateArray();
    }

    /// <summary>A string of printable characters (no control characters), at most <paramref name="max"/> long.</summary>
    private static string Text(JsonElement value, string what, int max)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"'{what}' must be a string");
        }

        var text = value.GetString()!;
        if (text.Length > max)
        {
            throw new FormatException($"'{what}' is longer than {max} characters");
        }

        return text.Any(char.IsControl) ? throw new FormatException($"'{what}' has control characters") : text;
    }

    /// <summary>A short name: ASCII letters, digits, '-' and '_', 1 to 64 of them.</summary>
    private static string Word(JsonElement value, string what)
    {
        var text = Text(value, what, 64);
        return text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? text
            : throw new FormatException($"'{what}' must be 1 to 64 ASCII letters, digits, '-' or '_'");
    }
}
