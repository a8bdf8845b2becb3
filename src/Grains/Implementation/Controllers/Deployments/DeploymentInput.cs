using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>What one Deployment pass sees.</summary>
/// <param name="ReplicaSets">The ReplicaSets of the namespace that match the selector or name the Deployment as controller.</param>
/// <param name="PodsByReplicaSetUid">Pods grouped by their controller ReplicaSet's uid; only the Recreate strategy reads them (it waits for old pods to stop).</param>
public sealed record DeploymentInput(
    JsonObject Deployment,
    IReadOnlyList<JsonObject> ReplicaSets,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, IReadOnlyList<PodView>>? PodsByReplicaSetUid = null);

/// <summary>What the grain writes for one Deployment pass: ReplicaSets first, then the Deployment's status.</summary>
/// <param name="CreateReplicaSet">The new ReplicaSet (<c>&lt;deployment&gt;-&lt;hash&gt;</c>) to create; an AlreadyExists answer for an identical one counts as done.</param>
/// <param name="UpdateReplicaSets">Whole ReplicaSets to write back (scaled, annotated, adopted or released), each with the resourceVersion it was read at.</param>
/// <param name="DeleteReplicaSets">Old ReplicaSets beyond <c>revisionHistoryLimit</c>.</param>
/// <param name="Status">The Deployment's whole new <c>status</c>.</param>
/// <param name="Revision">The <c>deployment.kubernetes.io/revision</c> annotation the Deployment should carry (written with the status, as Kubernetes does).</param>
/// <param name="NextWake">When to look again for a progress deadline.</param>
public sealed record DeploymentPlan(
    JsonObject? CreateReplicaSet,
    IReadOnlyList<JsonObject> UpdateReplicaSets,
    IReadOnlyList<string> DeleteReplicaSets,
    JsonObject Status,
    bool StatusChanged,
    string? Revision,
    DateTimeOffset? NextWake,
    IReadOnlyList<ControllerEvent> Events,
    string Why);
