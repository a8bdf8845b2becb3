using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// A Deployment: rolls its pods from one template to the next through ReplicaSets named by template
/// hash, within maxSurge and maxUnavailable (or all at once with Recreate), keeping old ReplicaSets as
/// revision history for <c>kubectl rollout undo</c>.
/// </summary>
public sealed class DeploymentGrain(
    ObjectServices services, [PersistentState("controller")] IPersistentState<ControllerState> state, ILogger<DeploymentGrain> logger)
    : ControllerGrain(services, state, logger), IDeploymentGrain
{
    protected override string ControllerComponent => "deployment-controller";

    protected override string? ScaleField => "replicas";

    protected override IReadOnlyList<ResourceType> DependentTypes { get; } = [ResourceRegistry.ReplicaSets];

    protected override void ApplyDefaults(JsonObject obj)
    {
        var spec = WorkloadRules.EnsureObject(obj, "spec");
        WorkloadRules.SetIfMissing(spec, "replicas", 1);
        WorkloadRules.SetIfMissing(spec, "revisionHistoryLimit", 10);
        WorkloadRules.SetIfMissing(spec, "progressDeadlineSeconds", 600);
        var strategy = WorkloadRules.EnsureObject(spec, "strategy");
        WorkloadRules.SetIfMissing(strategy, "type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = WorkloadRules.EnsureObject(strategy, "rollingUpdate");
            WorkloadRules.SetIfMissing(rolling, "maxSurge", "25%");
            WorkloadRules.SetIfMissing(rolling, "maxUnavailable", "25%");
        }
        WorkloadRules.DefaultTemplate(obj, "spec", "template");
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old) =>
        WorkloadRules.ValidateSelector(obj, old)
            .Concat(WorkloadRules.ValidateTemplate(obj, "spec.template", "spec", "template"))
            .Concat(WorkloadRules.NonNegative(obj, "replicas"));

    protected override async Task<TimeSpan?> ReconcileControllerAsync(JsonObject controller)
    {
        var selector = Api.Selectors.LabelSelector.FromObject(controller.Spec()?["selector"]);
        var replicaSets = await ChildObjects.ListAsync(Services.Reader, ResourceRegistry.ReplicaSets, Key.Namespace, selector, controller.Uid());
        var plan = DeploymentDecision.Compute(new DeploymentInput(controller, replicaSets, Now, await PodsByReplicaSetAsync(controller, replicaSets)));

        if (plan.CreateReplicaSet is { } created)
        {
            try
            {
                await CreateChildAsync(ResourceRegistry.ReplicaSets, created);
            }
            catch (ApiException ex) when (ex.Reason == "AlreadyExists")
            {
                // Created by an earlier pass whose answer was lost: the next pass sees it.
            }
        }
        foreach (var replicaSet in plan.UpdateReplicaSets)
        {
            try
            {
                await ObjectGrains.Get(GrainFactory, ResourceRegistry.ReplicaSets, Key.Namespace, replicaSet.Name()!)
                    .Update(new UpdateCommand(replicaSet.ToJsonString()));
            }
            catch (ApiException ex) when (ex.Code is 404 or 409)
            {
                return TimeSpan.FromMilliseconds(200);
            }
        }
        foreach (var name in plan.DeleteReplicaSets)
        {
            var old = replicaSets.FirstOrDefault(r => r.Name() == name);
            if (old is not null) await DeleteChildAsync(ResourceRegistry.ReplicaSets, name, old.Uid()!);
        }
        foreach (var controllerEvent in plan.Events) Record(controllerEvent);
        await WriteRevisionAndStatusAsync(plan);
        return Until(plan.NextWake, Now);
    }

    private async Task WriteRevisionAndStatusAsync(DeploymentPlan plan)
    {
        var current = Current!;
        var updated = current.Clone();
        updated["status"] = plan.Status.DeepClone();
        if (plan.Revision is { } revision)
        {
            if (updated.Metadata()["annotations"] is not JsonObject annotations) updated.Metadata()["annotations"] = annotations = [];
            annotations["deployment.kubernetes.io/revision"] = revision;
        }
        await CommitChangeAsync(current, updated);
    }

    /// <summary>Only the Recreate strategy needs pods (it waits for the old ones to be gone).</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<PodView>>?> PodsByReplicaSetAsync(JsonObject deployment, IReadOnlyList<JsonObject> replicaSets)
    {
        if (deployment.Spec().Str("strategy", "type") != "Recreate") return null;
        var result = new Dictionary<string, IReadOnlyList<PodView>>(StringComparer.Ordinal);
        foreach (var replicaSet in replicaSets)
        {
            var pods = await ChildObjects.ListAsync(Services.Reader, ResourceRegistry.Pods, Key.Namespace, Api.Selectors.LabelSelector.Nothing, replicaSet.Uid());
            result[replicaSet.Uid()!] = pods.Select(PodView.From).ToList();
        }
        return result;
    }
}
