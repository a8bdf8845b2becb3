using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// ReplicationControllers and ReplicaSets: keep <c>spec.replicas</c> pods matching the selector, adopting
/// orphans that match and releasing pods that stop matching (which a new pod then replaces).
/// </summary>
public abstract class ReplicaSetLikeGrain(ObjectServices services, IPersistentState<ControllerState> state, ILogger logger)
    : ControllerGrain(services, state, logger)
{
    private bool _resentPending;

    protected override string? ScaleField => "replicas";

    protected override IReadOnlyList<ResourceType> DependentTypes { get; } = [ResourceRegistry.Pods];

    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        WorkloadRules.SetIfMissing(spec, "replicas", 1);
        WorkloadRules.DefaultTemplate(obj, "spec", "template");
    }

    protected override async Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller)
    {
        var rs = controller;
        var podObjects = await ChildObjects.ListAsync(Services.Reader, ResourceRegistry.Pods, Key.Namespace, ReplicaSetDecision.SelectorOf(rs), rs.Uid());
        var views = podObjects.Select(PodView.From).ToList();
        var byName = podObjects.ToDictionary(p => p.Name()!, StringComparer.Ordinal);
        var expectations = LoadExpectations().Observe(views);
        var plan = ReplicaSetDecision.Compute(new ReplicaSetInput(rs, views, expectations, Now, LastError: State.LastError));

        if (!_resentPending)
        {
            _resentPending = true;
            await ResendPendingCreatesAsync(plan.PodTemplate, expectations.Expire(Now));
        }
        foreach (var pod in plan.ToAdopt) await AdoptAsync(ResourceRegistry.Pods, byName[pod.Name]);
        foreach (var pod in plan.ToRelease) await ReleaseAsync(ResourceRegistry.Pods, byName[pod.Name]);

        var next = plan.Expectations;
        string? error = null;
        if (plan.ToDelete.Count > 0)
        {
            await SaveExpectationsAsync(next, State.LastError);
            foreach (var pod in plan.ToDelete) await DeleteChildAsync(ResourceRegistry.Pods, pod.Name, pod.Uid);
        }
        if (plan.CreateCount > 0) (next, error) = await CreatePodsAsync(plan.PodTemplate, plan.CreateBatches, next);
        foreach (var controllerEvent in plan.Events) Record(controllerEvent);
        await SaveExpectationsAsync(next, error ?? (plan.CreateCount > 0 || plan.ToDelete.Count > 0 ? null : State.LastError));
        if (plan.StatusChanged) await WriteStatusAsync(plan.Status);
        LogPass(Key.ToString(), plan.Why);
        return Until(plan.NextWake, Now);
    }

    private void LogPass(string key, string why) => Logger.LogDebug("{Key}: {Why}", key, why);
}

/// <summary>A ReplicaSet (apps/v1, also served as apps/v1beta2 as the notes use it).</summary>
public sealed class ReplicaSetGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<ReplicaSetGrain> logger)
    : ReplicaSetLikeGrain(services, state, logger), IReplicaSetGrain
{
    protected override string ControllerComponent => "replicaset-controller";

    protected override IEnumerable<Api.Errors.StatusCause> Validate(JsonObject obj, JsonObject? old) =>
        WorkloadRules.ValidateSelector(obj, old)
            .Concat(WorkloadRules.ValidateTemplate(obj, "spec.template", "spec", "template"))
            .Concat(WorkloadRules.NonNegative(obj, "replicas"));
}

/// <summary>A ReplicationController: an equality selector, defaulted from the template's labels.</summary>
public sealed class ReplicationControllerGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<ReplicationControllerGrain> logger)
    : ReplicaSetLikeGrain(services, state, logger), IReplicationControllerGrain
{
    protected override string ControllerComponent => "replication-controller";

    protected override void ApplyDefaults(JsonObject obj)
    {
        base.ApplyDefaults(obj);
        var spec = obj.Spec()!;
        if (spec["selector"] is not JsonObject { Count: > 0 } && spec.At("template", "metadata", "labels") is JsonObject labels)
        {
            spec["selector"] = labels.DeepClone();
        }
        var meta = obj.Metadata();
        if (meta["labels"] is not JsonObject { Count: > 0 } && spec.At("template", "metadata", "labels") is JsonObject templateLabels)
        {
            meta["labels"] = templateLabels.DeepClone();
        }
    }

    protected override IEnumerable<Api.Errors.StatusCause> Validate(JsonObject obj, JsonObject? old)
    {
        var selector = Api.Selectors.LabelSelector.FromMap(ObjectAccess.StringMap(obj.Spec()?["selector"]));
        return WorkloadRules.SelectorMatchesTemplate(selector, obj, "spec.template.metadata.labels")
            .Concat(WorkloadRules.ValidateTemplate(obj, "spec.template", "spec", "template"))
            .Concat(WorkloadRules.NonNegative(obj, "replicas"));
    }
}
