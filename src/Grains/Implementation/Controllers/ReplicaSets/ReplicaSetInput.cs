using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>What one ReplicaSet or ReplicationController pass sees.</summary>
/// <param name="Controller">The ReplicaSet or ReplicationController object (its <c>kind</c> picks the selector form).</param>
/// <param name="Pods">The pods of its namespace that match its selector or name it as controller (active or not).</param>
/// <param name="Expectations">Creates and deletes still in flight, already updated with <see cref="Expectations.Observe(IEnumerable{PodView})"/>.</param>
/// <param name="RelatedPods">Pods of every ReplicaSet with the same owner, to spread deletions (null: its own pods).</param>
/// <param name="LastError">The error of the previous pass's creates or deletes, which Kubernetes reports as the ReplicaFailure condition.</param>
public sealed record ReplicaSetInput(
    JsonObject Controller,
    IReadOnlyList<PodView> Pods,
    Expectations Expectations,
    DateTimeOffset Now,
    IReadOnlyList<PodView>? RelatedPods = null,
    int BurstReplicas = SlowStart.DefaultBurst,
    string? LastError = null);

/// <summary>What the grain does for one pass, in this order: adopt and release, delete, create, write status.</summary>
/// <param name="CreateBatches">The creates in slow-start batches (1, 2, 4, ...); their sum is <see cref="CreateCount"/>.</param>
/// <param name="PodTemplate">The pod to create, <c>generateName</c>, labels, owner reference and spec filled in.</param>
/// <param name="ToDelete">Pods to delete, least useful first.</param>
/// <param name="Status">The whole new <c>status</c>.</param>
/// <param name="Expectations">Expectations with this plan's creates and deletes recorded.</param>
/// <param name="NextWake">When to reconcile again even if nothing changes (a pod becoming available).</param>
/// <param name="Events">Deletion events; the grain adds <see cref="PodEvents.SuccessfulCreate"/> per created pod.</param>
/// <param name="Why">One line for the reconcile log.</param>
public sealed record ReplicaSetPlan(
    int CreateCount,
    IReadOnlyList<int> CreateBatches,
    JsonObject PodTemplate,
    IReadOnlyList<PodView> ToDelete,
    IReadOnlyList<PodView> ToAdopt,
    IReadOnlyList<PodView> ToRelease,
    JsonObject Status,
    bool StatusChanged,
    Expectations Expectations,
    DateTimeOffset? NextWake,
    IReadOnlyList<ControllerEvent> Events,
    string Why);
