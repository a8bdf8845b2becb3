namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// What the scheduler needs to know of one node: whether it takes pods, what it offers, and what its
/// pods already ask for. Published by the node's grain whenever it changes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(2)] IReadOnlyList<NodeTaint> Taints,
    [property: Id(3)] bool Ready,
    [property: Id(4)] bool Unschedulable,
    [property: Id(5)] ResourceAmounts Allocatable,
    [property: Id(6)] ResourceAmounts Requested,
    [property: Id(7)] IReadOnlyDictionary<string, int> PodsPerOwner,
    [property: Id(8)] IReadOnlySet<string> PodKeys,
    [property: Id(9)] long Version,
    [property: Id(10)] bool Exists = true);

[GenerateSerializer, Immutable]
public sealed record NodeTaint(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Value,
    [property: Id(2)] string Effect);

/// <summary>CPU in millicores, memory in bytes, and a pod count.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ResourceAmounts(
    [property: Id(0)] long MilliCpu,
    [property: Id(1)] long MemoryBytes,
    [property: Id(2)] int Pods)
{
    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu + b.MilliCpu, a.MemoryBytes + b.MemoryBytes, a.Pods + b.Pods);

    public static ResourceAmounts operator -(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu - b.MilliCpu, a.MemoryBytes - b.MemoryBytes, a.Pods - b.Pods);

    /// <summary>Whether <paramref name="request"/> fits in what is left of <paramref name="capacity"/>.</summary>
    public bool FitsWithin(ResourceAmounts capacity) =>
        MilliCpu <= capacity.MilliCpu && MemoryBytes <= capacity.MemoryBytes && Pods <= capacity.Pods;
}
