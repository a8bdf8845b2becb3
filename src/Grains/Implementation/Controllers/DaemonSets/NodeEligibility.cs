using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Nodes;
using ActorOrchestrator.Grains.Scheduling;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// Kubernetes' NodeShouldRunDaemonPod: whether a daemon pod should start on a node (ShouldRun) and whether
/// one already there may stay (ShouldContinue: only NoExecute taints evict).
/// </summary>
public static class NodeEligibility
{
    /// <summary>AddOrUpdateDaemonPodTolerations: daemon pods ride out node problems and cordons.</summary>
    private static readonly (string Key, string Effect)[] DaemonTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    public static (bool ShouldRun, bool ShouldContinue) Evaluate(JsonObject? template, JsonObject node)
    {
        var spec = (JsonObject?)template?["spec"]?.DeepClone() ?? [];
        var name = node.Name() ?? "";
        if (spec.Str("nodeName") is { Length: > 0 } pinned && pinned != name) return (false, false);
        if (!MatchesAffinity(spec, node)) return (false, false);
        AddDaemonTolerations(spec);
        var pod = new JsonObject { ["spec"] = spec };
        var taints = NodeConditions.Taints(node);
        if (NodeConditions.IsUnschedulable(node) && taints.All(t => t.Key != NodeConditions.UnschedulableTaint))
        {
            taints = [.. taints, new NodeTaint(NodeConditions.UnschedulableTaint, null, "NoSchedule")];
        }
        var untolerated = taints.Where(t => t.Effect is "NoSchedule" or "NoExecute" && !SchedulingDecision.Tolerates(pod, t)).ToList();
        if (untolerated.Count == 0) return (true, true);
        return (false, untolerated.All(t => t.Effect != "NoExecute"));
    }

    public static void AddDaemonTolerations(JsonObject podSpec)
    {
        if (podSpec["tolerations"] is not JsonArray tolerations) podSpec["tolerations"] = tolerations = [];
        var wanted = DaemonTolerations.ToList();
        if (podSpec.Flag("hostNetwork") == true) wanted.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        foreach (var (key, effect) in wanted)
        {
            if (tolerations.OfType<JsonObject>().Any(t => t.Text("key") == key && t.Text("effect") == effect && t.Text("operator") == "Exists")) continue;
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
    }

    /// <summary>nodeSelector, and any one requiredDuringScheduling term whose expressions and fields all match.</summary>
    private static bool MatchesAffinity(JsonObject spec, JsonObject node)
    {
        var labels = node.Labels();
        if (ObjectAccess.StringMap(spec["nodeSelector"]).Any(s => !labels.TryGetValue(s.Key, out var v) || v != s.Value)) return false;
        var terms = spec.Objects("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        if (terms.Count == 0) return true;
        var fields = new Dictionary<string, string> { ["metadata.name"] = node.Name() ?? "" };
        return terms.Any(term =>
            (term.Objects("matchExpressions").Count + term.Objects("matchFields").Count) > 0 &&
            term.Objects("matchExpressions").All(e => Matches(e, labels)) && term.Objects("matchFields").All(e => Matches(e, fields)));
    }

    private static bool Matches(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var values = expression.Strings("values");
        var present = labels.TryGetValue(expression.Text("key"), out var value);
        return expression.Text("operator") switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && values.Count == 1 && long.TryParse(value, out var a) && long.TryParse(values[0], out var b) && a > b,
            "Lt" => present && values.Count == 1 && long.TryParse(value, out var c) && long.TryParse(values[0], out var d) && c < d,
            _ => false,
        };
    }
}
