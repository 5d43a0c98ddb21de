using System.Text;

namespace MixNMatchttp.Cli.Lab;

/// <summary>The results the lab pages sent, in memory: the newest <see cref="Capacity"/>, numbered from 1.</summary>
internal sealed class LabResults
{
    public const int Capacity = 200;

    private readonly Lock _lock = new();
    private readonly Queue<LabResult> _results = new();
    private int _lastId;

    /// <summary>Keeps a result under the next number, dropping the oldest beyond <see cref="Capacity"/>.</summary>
    public LabResult Add(LabResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            result = result with { Id = ++_lastId };
            _results.Enqueue(result);
            while (_results.Count > Capacity)
            {
                _results.Dequeue();
            }
        }

        return result;
    }

    public IReadOnlyList<LabResult> All()
    {
        lock (_lock)
        {
            return [.. _results];
        }
    }

    public static string Markdown(IEnumerable<LabResult> results)
    {
        var markdown = new StringBuilder("# MixNMatchttp lab results\n\n");
        foreach (var result in results)
        {
            result.WriteMarkdown(markdown);
        }

        return markdown.ToString();
    }
}
