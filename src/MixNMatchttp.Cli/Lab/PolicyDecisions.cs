using System.Text.Json.Nodes;

namespace MixNMatchttp.Cli.Lab;

/// <summary>The policy explorer's decisions, newest <see cref="Capacity"/> kept, so that a page can show why a request
/// its browser blocked was answered as it was (a blocked page cannot read the response's headers).</summary>
internal sealed class PolicyDecisions
{
    public const int Capacity = 1000;

    private readonly Lock _lock = new();
    private readonly Queue<JsonObject> _decisions = new();

    public void Add(string? run, string? probe, string policy, string method, string? origin, string rule)
    {
        var decision = new JsonObject { ["run"] = run, ["probe"] = probe, ["policy"] = policy, ["method"] = method, ["origin"] = origin, ["rule"] = rule };
        lock (_lock)
        {
            _decisions.Enqueue(decision);
            while (_decisions.Count > Capacity)
            {
                _decisions.Dequeue();
            }
        }
    }

    /// <summary>The decisions of one lab run, oldest first.</summary>
    public JsonArray Of(string run)
    {
        lock (_lock)
        {
            return new JsonArray([.. _decisions.Where(decision => (string?)decision["run"] == run).Select(decision => decision.DeepClone())]);
        }
    }
}
