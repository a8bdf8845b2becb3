using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// Where one pod should go, decided from the scheduler's view of the nodes alone (no I/O), so it can be
/// tested with tables: filter the nodes that can take the pod, then prefer the one with the fewest pods
/// of the same owner, then the least loaded.
/// </summary>
public static class SchedulingDecision
{
    public sealed record Outcome(string? Node, string? Reason);

    public static Outcome Choose(JsonObject pod, IReadOnlyCollection<SchedulerNodeView> nodes)
    {
        var request = PodRequests.Of(pod);
        var owner = pod.Metadata().Objects("ownerReferences").FirstOrDefault(r => r.Flag("controller") == true)?.Str("uid");
        var rejections = new Dictionary<string, int>(StringComparer.Ordinal);
        SchedulerNodeView? best = null;
        (int Spread, double Load, string Name) bestScore = default;
        foreach (var node in nodes)
        {
            var why = Rejects(pod, request, node);
            if (why is not null)
            {
                rejections[why] = rejections.GetValueOrDefault(why) + 1;
                continue;
            }
            var score = (owner is null ? 0 : node.PodsOf(owner), node.LoadAfter(request), node.Summary.Name);
            if (best is null || score.CompareTo(bestScore) < 0)
            {
                best = node;
                bestScore = score;
            }
        }
        if (best is not null) return new Outcome(best.Summary.Name, null);
        var reasons = string.Join(", ", rejections.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        return new Outcome(null, $"0/{nodes.Count} nodes are available{(reasons.Length > 0 ? ": " + reasons : "")}.");
    }

    /// <summary>Why a node cannot take the pod, in the words of kube-scheduler's messages; null when it can.</summary>
    private static string? Rejects(JsonObject pod, ResourceAmounts request, SchedulerNodeView node)
    {
        var summary = node.Summary;
        if (!summary.Ready) return "node(s) were not ready";
        if (summary.Unschedulable && !Tolerates(pod, new NodeTaint("node.kubernetes.io/unschedulable", null, "NoSchedule")))
        {
            return "node(s) were unschedulable";
        }
        if (!MatchesNodeSelector(pod, summary.Labels) || !MatchesRequiredAffinity(pod, summary.Labels))
        {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        foreach (var taint in summary.Taints.Where(t => t.Effect is "NoSchedule" or "NoExecute"))
        {
            if (!Tolerates(pod, taint)) return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
        }
        var free = summary.Allocatable - node.Requested;
        if (request.Pods > free.Pods) return "Too many pods";
        if (request.MilliCpu > free.MilliCpu) return "Insufficient cpu";
        if (request.MemoryBytes > free.MemoryBytes) return "Insufficient memory";
        return null;
    }

    private static bool MatchesNodeSelector(JsonObject pod, IReadOnlyDictionary<string, string> labels) =>
        ObjectAccess.StringMap(pod.Spec()?["nodeSelector"]).All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary><c>requiredDuringSchedulingIgnoredDuringExecution</c>: any term may match; within a term, all expressions.</summary>
    private static bool MatchesRequiredAffinity(JsonObject pod, IReadOnlyDictionary<string, string> labels)
    {
        var terms = pod.Spec().Objects("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        if (terms.Count == 0) return true;
        return terms.Any(term => term.Objects("matchExpressions").All(e => Matches(e, labels)));
    }

    private static bool Matches(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var key = expression.Text("key");
        var values = expression.Strings("values");
        var present = labels.TryGetValue(key, out var value);
        return expression.Text("operator") switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && long.TryParse(value, out var gt) && values.Count == 1 && long.TryParse(values[0], out var g) && gt > g,
            "Lt" => present && long.TryParse(value, out var lt) && values.Count == 1 && long.TryParse(values[0], out var l) && lt < l,
            _ => false,
        };
    }

    /// <summary>Kubernetes' toleration matching: key (or Exists with no key), effect (or any), and value for Equal.</summary>
    public static bool Tolerates(JsonObject pod, NodeTaint taint) =>
        pod.Spec().Objects("tolerations").Any(t =>
        {
            var key = t.Str("key") ?? "";
            var op = t.Str("operator") ?? "Equal";
            var effect = t.Str("effect") ?? "";
            if (effect.Length > 0 && effect != taint.Effect) return false;
            if (key.Length == 0) return op == "Exists";
            if (key != taint.Key) return false;
            return op == "Exists" || (t.Str("value") ?? "") == (taint.Value ?? "");
        });
}
