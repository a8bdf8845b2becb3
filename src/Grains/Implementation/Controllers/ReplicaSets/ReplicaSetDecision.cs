using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// One level-based pass of the ReplicaSet controller, which also runs ReplicationControllers (Kubernetes
/// runs both with the same code): claim pods by owner uid and selector, compare active pods with
/// <c>spec.replicas</c>, create or delete the difference (capped, creates in slow-start batches, deletes
/// least useful first), and always recompute status. Nothing is created or deleted while earlier creates
/// or deletes are still unobserved, or while the controller is being deleted.
/// </summary>
public static class ReplicaSetDecision
{
    public const string ReplicaFailure = "ReplicaFailure";

    public static ReplicaSetPlan Compute(ReplicaSetInput input)
    {
        var rs = input.Controller;
        var now = input.Now;
        var spec = rs.Spec();
        var template = spec?["template"] as JsonObject;
        var desired = (int)(spec.Num("replicas") ?? 1);
        var minReadySeconds = (int)(spec.Num("minReadySeconds") ?? 0);
        var deleting = rs.DeletionTimestamp() is not null;

        var claim = OwnedPods.Classify(rs.Uid() ?? "", SelectorOf(rs), deleting, input.Pods.Where(p => p.IsActive));
        var pods = claim.Claimed;
        var expectations = input.Expectations.Expire(now);
        var satisfied = input.Expectations.IsSatisfied(now);

        var create = 0;
        IReadOnlyList<PodView> delete = [];
        string why;
        var diff = pods.Count - desired;
        if (!satisfied)
        {
            why = $"waiting to observe {expectations.PendingCreates} create(s) and {expectations.PendingDeletes} delete(s)";
        }
        else if (deleting)
        {
            why = "being deleted: leaving pods to the garbage collector";
        }
        else if (diff < 0)
        {
            create = Math.Min(-diff, input.BurstReplicas);
            expectations = expectations.ExpectCreations(create, now);
            why = $"{pods.Count} of {desired} pods: creating {create}";
        }
        else if (diff > 0)
        {
            var count = Math.Min(diff, input.BurstReplicas);
            delete = PodDeletionOrder.Ranked(pods, input.RelatedPods ?? [], now).Take(count).ToList();
            expectations = expectations.ExpectDeletions(delete.Select(p => p.Key), now);
            why = $"{pods.Count} of {desired} pods: deleting {count}";
        }
        else
        {
            why = $"{desired} of {desired} pods";
        }

        var status = StatusOf(rs, template, pods, desired, minReadySeconds, input.LastError, now);
        return new ReplicaSetPlan(
            create,
            SlowStart.Batches(create),
            PodTemplates.PodFrom(rs, template),
            delete,
            claim.Adopt,
            claim.Release,
            status,
            !JsonNode.DeepEquals(status, rs.Status() ?? []),
            expectations,
            NextAvailability(pods, minReadySeconds, now),
            delete.Select(p => PodEvents.SuccessfulDelete(p.Name)).ToList(),
            why);
    }

    /// <summary>A ReplicaSet's selector object, or a ReplicationController's map (defaulting to its template's labels).</summary>
    public static LabelSelector SelectorOf(JsonObject controller)
    {
        var spec = controller.Spec();
        if (controller.GetString("kind") != "ReplicationController") return LabelSelector.FromObject(spec?["selector"]);
        var map = ObjectAccess.StringMap(spec?["selector"]);
        return LabelSelector.FromMap(map.Count > 0 ? map : ObjectAccess.StringMap(spec.At("template", "metadata", "labels")));
    }

    /// <summary>Kubernetes' calculateStatus, plus the ReplicaFailure condition from the previous pass's error.</summary>
    private static JsonObject StatusOf(JsonObject rs, JsonObject? template, IReadOnlyList<PodView> pods, int desired, int minReadySeconds, string? lastError, DateTimeOffset now)
    {
        var templateLabels = LabelSelector.FromMap(ObjectAccess.StringMap(template.At("metadata", "labels")));
        var status = (JsonObject?)rs.Status()?.DeepClone() ?? [];
        status["replicas"] = pods.Count;
        SetCount(status, "fullyLabeledReplicas", pods.Count(p => templateLabels.Matches(p.Labels)));
        SetCount(status, "readyReplicas", pods.Count(p => p.Ready));
        SetCount(status, "availableReplicas", pods.Count(p => p.IsAvailable(minReadySeconds, now)));
        SetCount(status, "observedGeneration", (int)rs.Generation());

        var failure = StatusConditions.Find(status, ReplicaFailure);
        if (lastError is not null && failure is null)
        {
            var reason = (pods.Count - desired) switch { < 0 => "FailedCreate", > 0 => "FailedDelete", _ => "" };
            StatusConditions.Put(status, StatusConditions.Make(ReplicaFailure, "True", reason, lastError, now, "lastTransitionTime"));
        }
        else if (lastError is null && failure is not null)
        {
            StatusConditions.Remove(status, ReplicaFailure);
        }
        return status;
    }

    /// <summary>Go's omitempty: a zero count is left out, as <c>kubectl get -o yaml</c> shows it.</summary>
    internal static void SetCount(JsonObject status, string field, long value)
    {
        if (value == 0) status.Remove(field);
        else status[field] = value;
    }

    /// <summary>The next moment a ready pod passes minReadySeconds, plus Kubernetes' one-second skew margin.</summary>
    internal static DateTimeOffset? NextAvailability(IEnumerable<PodView> pods, int minReadySeconds, DateTimeOffset now) =>
        minReadySeconds <= 0
            ? null
            : pods.Where(p => p.Ready && !p.IsAvailable(minReadySeconds, now))
                .Select(p => p.AvailableAt(minReadySeconds))
                .Where(t => t is not null)
                .Min()?.AddSeconds(1);
}
