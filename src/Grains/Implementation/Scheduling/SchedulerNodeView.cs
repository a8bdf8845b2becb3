namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// One node as a scheduler shard sees it: the node's last published summary plus the pods this shard
/// bound there since (assumed until the summary includes them), so a burst does not overfill a node.
/// </summary>
public sealed class SchedulerNodeView(NodeSummary summary)
{
    private readonly Dictionary<string, (ResourceAmounts Requests, string? Owner)> _assumed = new(StringComparer.Ordinal);

    public NodeSummary Summary { get; private set; } = summary;

    public ResourceAmounts Requested =>
        _assumed.Values.Aggregate(Summary.Requested, (sum, a) => sum + a.Requests);

    public void Update(NodeSummary summary)
    {
        Summary = summary;
        foreach (var key in _assumed.Keys.Where(summary.PodKeys.Contains).ToList()) _assumed.Remove(key);
    }

    public void Assume(string podKey, ResourceAmounts requests, string? owner) => _assumed[podKey] = (requests, owner);

    public int PodsOf(string owner) =>
        Summary.PodsPerOwner.GetValueOrDefault(owner) + _assumed.Values.Count(a => a.Owner == owner);

    /// <summary>The larger of the cpu and memory shares in use once the request is added (0..1, lower is emptier).</summary>
    public double LoadAfter(ResourceAmounts request)
    {
        var used = Requested + request;
        var capacity = Summary.Allocatable;
        var cpu = capacity.MilliCpu > 0 ? (double)used.MilliCpu / capacity.MilliCpu : 0;
        var memory = capacity.MemoryBytes > 0 ? (double)used.MemoryBytes / capacity.MemoryBytes : 0;
        var pods = capacity.Pods > 0 ? (double)used.Pods / capacity.Pods : 0;
        return Math.Max(Math.Max(cpu, memory), pods);
    }
}
