using ActorOrchestrator.Grains.Events;
using ActorOrchestrator.Grains.Nodes;
using ActorOrchestrator.Grains.Scheduling;
using Orleans.Concurrency;

namespace ActorOrchestrator.Grains.Objects;

// One interface per kind so that Orleans routes each kind to its own grain class.

public interface INamespaceGrain : IApiObjectGrain;

/// <summary>A pod: besides the object API, the scheduler binds it and its node reports its status.</summary>
public interface IPodGrain : IApiObjectGrain
{
    /// <summary>Assigns the pod to a node (the <c>binding</c> subresource). Fails if it is bound already.</summary>
    Task<ObjectResponse> Bind(string nodeName, string? uid);

    /// <summary>The scheduler found no node: the PodScheduled condition says why.</summary>
    Task MarkUnschedulable(string uid, string message);

    /// <summary>The node agent's view of the pod: replaces <c>status</c> (kept only for the same uid).</summary>
    Task ReportStatus(string uid, string statusJson);
}

/// <summary>A node: registered and kept alive by its agent, watched by its own lifecycle loop.</summary>
public interface INodeGrain : IApiObjectGrain
{
    /// <summary>Creates the Node object, or refreshes the agent-owned parts (status, well-known labels).</summary>
    Task<ObjectResponse> Register(string nodeJson);

    /// <summary>The agent is alive; pushes for its pods go to <paramref name="observer"/>.</summary>
    Task Heartbeat(INodeAgentObserver observer);

    /// <summary>Every pod bound to this node, for the agent's level-based resync.</summary>
    Task<AssignedPods> GetAssignedPods();

    /// <summary>A pod bound to this node changed (hint from the pod's grain).</summary>
    [OneWay]
    Task PodChanged(PodNotice notice);

    /// <summary>What the scheduler needs of this node.</summary>
    Task<NodeSummary> GetSummary();
}

/// <summary>An event; <see cref="Record"/> creates it or counts one more occurrence.</summary>
public interface IEventGrain : IApiObjectGrain
{
    [OneWay]
    Task Record(EventRecord record);
}

/// <summary>Objects with no behaviour beyond validation and storage (ConfigMaps, Leases, ...).</summary>
public interface IPlainObjectGrain : IApiObjectGrain;

public interface IReplicationControllerGrain : IApiObjectGrain;

public interface IReplicaSetGrain : IApiObjectGrain;

public interface IDeploymentGrain : IApiObjectGrain;

public interface IDaemonSetGrain : IApiObjectGrain;

public interface IJobGrain : IApiObjectGrain;

public interface ICronJobGrain : IApiObjectGrain;
