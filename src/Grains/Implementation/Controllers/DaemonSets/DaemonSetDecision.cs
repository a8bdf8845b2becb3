using System.Globalization;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>What one DaemonSet pass sees: every Node, and the pods matching the selector or naming it as controller.</summary>
public sealed record DaemonSetInput(JsonObject DaemonSet, IReadOnlyList<JsonObject> Nodes, IReadOnlyList<PodView> Pods, Expectations Expectations, DateTimeOffset Now, int BurstReplicas = SlowStart.DefaultBurst);

/// <summary>What the grain does for one DaemonSet pass: adopt/release, delete, create (each pod already bound), write status.</summary>
/// <param name="PodsToCreate">One pod per node that needs one, bound with <c>spec.nodeName</c> (plus Kubernetes' matchFields node affinity).</param>
public sealed record DaemonSetPlan(
    IReadOnlyList<JsonObject> PodsToCreate,
    IReadOnlyList<PodView> ToDelete,
    IReadOnlyList<PodView> ToAdopt,
    IReadOnlyList<PodView> ToRelease,
    JsonObject Status,
    bool StatusChanged,
    Expectations Expectations,
    DateTimeOffset? NextWake,
    IReadOnlyList<ControllerEvent> Events,
    string Why);

/// <summary>
/// One pass of the DaemonSet controller: a pod on every node the template can run on (node name, required
/// node affinity and nodeSelector, NoSchedule/NoExecute taints against its tolerations plus the ones
/// Kubernetes adds to daemon pods, so cordoned and not-ready nodes still run them; node readiness itself is
/// not a condition), none elsewhere and never two on a node; then a rolling update bounded by maxUnavailable
/// (default 1) or maxSurge, or nothing for OnDelete.
/// </summary>
public static class DaemonSetDecision
{
    public const string TemplateGenerationLabel = "pod-template-generation";
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    public static DaemonSetPlan Compute(DaemonSetInput input)
    {
        var ds = input.DaemonSet;
        var now = input.Now;
        var spec = ds.Spec();
        var template = spec?["template"] as JsonObject;
        var events = new List<ControllerEvent>();
        var selector = spec?["selector"] is JsonObject s ? LabelSelector.FromObject(s) : LabelSelector.Nothing;
        if (selector.IsEmpty)
        {
            events.Add(ControllerEvent.Warning("SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required."));
            return new DaemonSetPlan([], [], [], [], ds.Status() ?? [], false, input.Expectations, null, events, "selector selects everything");
        }
        var deleting = ds.DeletionTimestamp() is not null;
        var claim = OwnedPods.Classify(ds.Uid() ?? "", selector, deleting, input.Pods);
        if (deleting) return new DaemonSetPlan([], [], [], [], ds.Status() ?? [], false, input.Expectations, null, events, "being deleted");

        var hash = TemplateHash.Compute(template);
        var generation = ds.Annotations().GetValueOrDefault(TemplateGenerationAnnotation);
        var minReady = (int)(spec.Num("minReadySeconds") ?? 0);
        var byNode = claim.Claimed.Where(p => !(p.IsTerminal && p.DeletionTimestamp is not null))
            .GroupBy(p => p.TargetNodeName).ToDictionary(g => g.Key, g => g.OrderBy(p => p.NodeName.Length == 0).ThenBy(p => p.CreationTimestamp).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var nodes = input.Nodes.OrderBy(n => n.Name(), StringComparer.Ordinal).ToList();
        var eligibility = nodes.ToDictionary(n => n.Name() ?? "", n => NodeEligibility.Evaluate(template, n), StringComparer.Ordinal);
        bool Updated(PodView p) => p.Labels.GetValueOrDefault(TemplateHash.ControllerRevisionHashLabel) == hash || (generation is not null && p.Labels.GetValueOrDefault(TemplateGenerationLabel) == generation);

        var satisfied = input.Expectations.IsSatisfied(now);
        var expectations = input.Expectations.Expire(now);
        var create = new List<string>();
        var delete = new List<PodView>();
        string why;
        if (!satisfied)
        {
            why = $"waiting to observe {expectations.PendingCreates} create(s) and {expectations.PendingDeletes} delete(s)";
        }
        else
        {
            foreach (var node in nodes)
            {
                var name = node.Name() ?? "";
                var (shouldRun, shouldContinue) = eligibility[name];
                var pods = byNode.GetValueOrDefault(name) ?? [];
                if (shouldRun && pods.Count == 0) create.Add(name);
                else if (shouldContinue)
                {
                    var running = new List<PodView>();
                    foreach (var pod in pods.Where(p => p.DeletionTimestamp is null))
                    {
                        if (pod.Phase == PodView.Failed)
                        {
                            events.Add(ControllerEvent.Warning("FailedDaemonPod", $"Found failed daemon pod {pod.Namespace}/{pod.Name} on node {name}, will try to kill it"));
                            delete.Add(pod);
                        }
                        else if (pod.Phase == PodView.Succeeded)
                        {
                            events.Add(ControllerEvent.Normal("SucceededDaemonPod", $"Found succeeded daemon pod {pod.Namespace}/{pod.Name} on node {name}, will try to delete it"));
                            delete.Add(pod);
                        }
                        else running.Add(pod);
                    }
                    delete.AddRange(running.Skip(1));
                }
                else delete.AddRange(pods.Where(p => p.DeletionTimestamp is null));
            }
            var known = nodes.Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);
            delete.AddRange(byNode.Where(e => !known.Contains(e.Key)).SelectMany(e => e.Value).Where(p => p.NodeName.Length == 0 && p.DeletionTimestamp is null));
            why = $"{create.Count} node(s) need a pod, {delete.Count} pod(s) to remove";

            if (create.Count == 0 && delete.Count == 0 && (spec.Str("updateStrategy", "type") ?? "RollingUpdate") == "RollingUpdate")
            {
                var desired = eligibility.Count(e => e.Value.ShouldRun);
                var rolling = spec.At("updateStrategy", "rollingUpdate");
                var maxSurge = IntOrPercent.Resolve(rolling.At("maxSurge"), desired, true, 0);
                var maxUnavailable = IntOrPercent.Resolve(rolling.At("maxUnavailable"), desired, true, 1);
                if (desired > 0 && maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
                RollingUpdate(nodes, eligibility, byNode, Updated, minReady, now, maxSurge, maxUnavailable, create, delete);
                why = $"rolling update: replacing {delete.Count + create.Count} pod(s)";
            }
            create = create.Take(input.BurstReplicas).ToList();
            delete = delete.DistinctBy(p => p.Key).Take(input.BurstReplicas).ToList();
            expectations = expectations.ExpectCreations(create.Count, now).ExpectDeletions(delete.Select(p => p.Key), now);
            events.AddRange(delete.Select(p => PodEvents.SuccessfulDelete(p.Name)));
        }

        var status = Status(ds, nodes, eligibility, byNode, Updated, minReady, now, satisfied);
        var pending = byNode.Values.SelectMany(p => p).Where(p => p.Ready && !p.IsAvailable(minReady, now)).Select(p => p.AvailableAt(minReady)).Min();
        return new DaemonSetPlan(
            create.Select(node => PodFor(ds, template, node, hash, generation)).ToList(), delete, claim.Adopt, claim.Release,
            status, !JsonNode.DeepEquals(status, ds.Status() ?? []), expectations, pending?.AddSeconds(1), events, why);
    }

    /// <summary>rollingUpdate: replace out-of-date pods, never more unavailable than maxUnavailable (or, surging, never more than maxSurge extra).</summary>
    private static void RollingUpdate(List<JsonObject> nodes, Dictionary<string, (bool ShouldRun, bool ShouldContinue)> eligibility, Dictionary<string, List<PodView>> byNode,
        Func<PodView, bool> updated, int minReady, DateTimeOffset now, int maxSurge, int maxUnavailable, List<string> create, List<PodView> delete)
    {
        var names = nodes.Select(n => n.Name() ?? "").Where(n => eligibility[n].ShouldRun).Union(byNode.Keys).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var unavailable = 0;
        var surge = 0;
        var candidates = new List<(string Node, PodView Old)>();
        foreach (var node in names)
        {
            var live = byNode.GetValueOrDefault(node)?.Where(p => p.DeletionTimestamp is null).ToList() ?? [];
            var newPods = live.Where(updated).ToList();
            var oldPods = live.Where(p => !updated(p)).ToList();
            if (newPods.Count > 1 || oldPods.Count > 1)
            {
                unavailable++;
                surge++;
                continue;
            }
            var (newPod, oldPod) = (newPods.FirstOrDefault(), oldPods.FirstOrDefault());
            if (maxSurge == 0)
            {
                if ((newPod is null) == (oldPod is null)) unavailable++;
                else if (newPod is not null) { if (!newPod.IsAvailable(minReady, now)) unavailable++; }
                else if (!oldPod!.IsAvailable(minReady, now)) { delete.Add(oldPod); unavailable++; }
                else candidates.Add((node, oldPod));
            }
            else if (oldPod is not null && newPod is null)
            {
                var shouldRun = eligibility.TryGetValue(node, out var e) && e.ShouldRun;
                if (!oldPod.IsAvailable(minReady, now)) { if (shouldRun) create.Add(node); else delete.Add(oldPod); }
                else if (shouldRun) candidates.Add((node, oldPod));
            }
            else if (oldPod is not null && newPod is not null)
            {
                if (newPod.IsAvailable(minReady, now)) delete.Add(oldPod);
                else surge++;
            }
        }
        if (maxSurge == 0) delete.AddRange(candidates.Take(Math.Max(0, maxUnavailable - unavailable)).Select(c => c.Old));
        else create.AddRange(candidates.Take(Math.Max(0, maxSurge - surge)).Select(c => c.Node));
    }

    private static JsonObject Status(JsonObject ds, List<JsonObject> nodes, Dictionary<string, (bool ShouldRun, bool ShouldContinue)> eligibility,
        Dictionary<string, List<PodView>> byNode, Func<PodView, bool> updated, int minReady, DateTimeOffset now, bool observed)
    {
        int desired = 0, current = 0, misscheduled = 0, ready = 0, updatedCount = 0, available = 0;
        foreach (var node in nodes)
        {
            var pods = byNode.GetValueOrDefault(node.Name() ?? "") ?? [];
            if (eligibility[node.Name() ?? ""].ShouldRun)
            {
                desired++;
                if (pods.Count == 0) continue;
                current++;
                var oldest = pods[0];
                if (oldest.Ready) ready++;
                if (oldest.IsAvailable(minReady, now)) available++;
                if (updated(oldest)) updatedCount++;
            }
            else if (pods.Count > 0) misscheduled++;
        }
        var status = (JsonObject?)ds.Status()?.DeepClone() ?? [];
        status["currentNumberScheduled"] = current;
        status["numberMisscheduled"] = misscheduled;
        status["desiredNumberScheduled"] = desired;
        status["numberReady"] = ready;
        if (observed) status["observedGeneration"] = ds.Generation();
        ReplicaSetDecision.SetCount(status, "updatedNumberScheduled", updatedCount);
        ReplicaSetDecision.SetCount(status, "numberAvailable", available);
        ReplicaSetDecision.SetCount(status, "numberUnavailable", desired - available);
        return status;
    }

    /// <summary>CreatePodTemplate + the node binding: hash and generation labels, daemon tolerations, spec.nodeName and matchFields affinity.</summary>
    public static JsonObject PodFor(JsonObject ds, JsonObject? template, string node, string hash, string? generation)
    {
        var pod = PodTemplates.PodFrom(ds, template);
        var meta = pod.Metadata();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = [];
        labels[TemplateHash.ControllerRevisionHashLabel] = hash;
        if (generation is not null) labels[TemplateGenerationLabel] = generation;
        var podSpec = (JsonObject)pod["spec"]!;
        NodeEligibility.AddDaemonTolerations(podSpec);
        podSpec["nodeName"] = node;
        if (podSpec["affinity"] is not JsonObject affinity) podSpec["affinity"] = affinity = [];
        if (affinity["nodeAffinity"] is not JsonObject nodeAffinity) affinity["nodeAffinity"] = nodeAffinity = [];
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchFields"] = new JsonArray(new JsonObject { ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node) }),
            }),
        };
        return pod;
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
