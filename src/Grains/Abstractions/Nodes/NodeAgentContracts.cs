namespace ActorOrchestrator.Grains.Nodes;

/// <summary>
/// A node agent's subscription to the pods bound to its node. Pushes are hints: an agent that misses
/// one still converges through its periodic <see cref="Objects.INodeGrain.GetAssignedPods"/> resync.
/// </summary>
public interface INodeAgentObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task PodChanged(PodNotice notice);
}

/// <summary>A pod bound to the node changed: its JSON as committed, or null when it was removed.</summary>
[GenerateSerializer, Immutable]
public sealed record PodNotice(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Json,
    [property: Id(3)] long Revision);

/// <summary>The pods bound to a node, as of one revision.</summary>
[GenerateSerializer, Immutable]
public sealed record AssignedPods(
    [property: Id(0)] IReadOnlyList<string> Pods,
    [property: Id(1)] long Revision);
