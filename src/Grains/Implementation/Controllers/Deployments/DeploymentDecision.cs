using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// One level-based pass of the Deployment controller (Kubernetes' syncDeployment): claim ReplicaSets by
/// owner uid and selector; a Deployment being deleted only updates status; a paused one, or one whose
/// replicas changed, is scaled proportionally; otherwise it rolls out with RollingUpdate or Recreate.
/// ReplicaSets are told apart by their template (ignoring <c>pod-template-hash</c>), so <c>kubectl rollout
/// undo</c>, which patches an old ReplicaSet's template back into the Deployment, simply makes that
/// ReplicaSet the new one again with the next revision number.
/// </summary>
public static class DeploymentDecision
{
    /// <summary>
    /// Kubernetes' ResolveFenceposts for a RollingUpdate Deployment: maxSurge rounds up, maxUnavailable rounds
    /// down (both default 25%), both zero means one unavailable, and unavailability never exceeds replicas.
    /// A Recreate Deployment has neither.
    /// </summary>
    public static (int MaxSurge, int MaxUnavailable) Fenceposts(JsonObject deployment)
    {
        var spec = deployment.Spec();
        if (spec.Str("strategy", "type") is not (null or "RollingUpdate")) return (0, 0);
        var replicas = (int)(spec.Num("replicas") ?? 1);
        var rolling = spec.At("strategy", "rollingUpdate");
        var quarter = JsonValue.Create("25%");
        var surge = IntOrPercent.Resolve(rolling.At("maxSurge") ?? quarter, replicas, roundUp: true, fallback: 0);
        var unavailable = IntOrPercent.Resolve(rolling.At("maxUnavailable") ?? quarter, replicas, roundUp: false, fallback: 0);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, replicas == 0 ? 0 : Math.Min(unavailable, replicas));
    }

    public static DeploymentPlan Compute(DeploymentInput input)
    {
        var d = input.Deployment;
        var generation = d.Generation();
        if (DeploymentPass.SelectsEverything(d))
        {
            var status = (JsonObject?)d.Status()?.DeepClone() ?? [];
            if ((status.Num("observedGeneration") ?? 0) < generation) status["observedGeneration"] = generation;
            return new DeploymentPlan(null, [], [], status, !JsonNode.DeepEquals(status, d.Status() ?? []), null, null,
                [ControllerEvent.Warning("SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.")],
                "selector selects everything: refusing to manage pods");
        }

        var deleting = d.DeletionTimestamp() is not null;
        var claim = Claims.Classify(
            input.ReplicaSets,
            rs => PodView.ControllerOf(rs)?.Uid,
            rs => rs.Labels(),
            rs => rs.DeletionTimestamp() is not null,
            d.Uid() ?? "",
            LabelSelector.FromObject(d.Spec()?["selector"]),
            deleting);
        var owned = claim.Owned.Select(rs => new ReplicaSetState(rs)).ToList();
        var adopted = claim.Adopt.Select(rs =>
        {
            var state = new ReplicaSetState(rs);
            var meta = state.Current.Metadata();
            if (meta["ownerReferences"] is not JsonArray refs) meta["ownerReferences"] = refs = [];
            refs.Add(OwnerRef.ControllerRefTo(d));
            return state;
        }).ToList();
        var released = claim.Release.Select(rs =>
        {
            var copy = rs.Clone();
            if (copy.Metadata()["ownerReferences"] is JsonArray refs)
            {
                foreach (var r in refs.OfType<JsonObject>().Where(r => r.Text("uid") == d.Uid()).ToList()) refs.Remove(r);
            }
            return copy;
        }).ToList();

        var pass = new DeploymentPass(d, [.. owned, .. adopted], input.ReplicaSets, input.Now);
        string why;
        var rollout = false;
        if (deleting)
        {
            pass.FindReplicaSets(createIfMissing: false);
            why = "being deleted: status only";
        }
        else
        {
            var paused = d.Spec().Flag("paused") == true;
            pass.CheckPausedConditions(paused);
            pass.FindReplicaSets(createIfMissing: false);
            if (paused || pass.IsScalingEvent())
            {
                pass.ScaleProportionally();
                if (paused) pass.Cleanup();
                why = paused ? "paused: scaling only" : $"scaling to {pass.Replicas}";
            }
            else
            {
                rollout = true;
                why = pass.IsRollingUpdate
                    ? pass.RollOutRolling()
                    : pass.RollOutRecreate(input.PodsByReplicaSetUid ?? new Dictionary<string, IReadOnlyList<PodView>>());
            }
        }

        pass.CalculateStatus(generation);
        if (rollout) pass.SyncRolloutStatus();
        var newStatus = pass.Status;
        var created = pass.ReplicaSets.FirstOrDefault(rs => rs.IsNew)?.Current;
        var updates = pass.ReplicaSets.Where(rs => !rs.IsNew && rs.Changed && !pass.Deleted.Contains(rs.Name)).Select(rs => rs.Current).Concat(released).ToList();
        var revision = pass.Revision is { } r && d.Annotations().GetValueOrDefault(DeploymentAnnotations.Revision) != r ? r : null;
        return new DeploymentPlan(
            created,
            updates,
            pass.Deleted,
            newStatus,
            revision is not null || !JsonNode.DeepEquals(newStatus, d.Status() ?? []),
            revision,
            rollout ? pass.ProgressCheckAt() : null,
            pass.Events,
            why);
    }
}
