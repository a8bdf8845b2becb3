using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// What the pod lifecycle tells the control plane. Implemented over the grains by the agent and by a
/// recording fake in tests. Calls may fail while the control plane is away: the lifecycle keeps the
/// pods running and reports again later (level-based: the latest status is what matters).
/// </summary>
public interface IPodReporter
{
    /// <summary>Replaces the pod's status. <paramref name="uid"/> guards against a recreated pod of the same name.</summary>
    Task ReportStatusAsync(string ns, string name, string uid, JsonObject status, CancellationToken cancellationToken);

    /// <summary>An event about the pod (Pulling, Pulled, Created, Started, Killing, Unhealthy, BackOff, ...).</summary>
    void RecordEvent(PodRef pod, string type, string reason, string message, string? fieldPath = null);

    /// <summary>The pod's containers are gone after a graceful deletion: the object may now be removed.</summary>
    Task ConfirmDeletedAsync(string ns, string name, string uid, CancellationToken cancellationToken);
}
