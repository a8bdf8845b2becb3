using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Scheduling;

namespace ActorOrchestrator.Grains.Nodes;

/// <summary>Reads and changes a Node's Ready condition and taints on its JSON.</summary>
internal static class NodeConditions
{
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";

    public static bool IsReady(JsonObject node) =>
        node.Status().Objects("conditions").Any(c => c.Text("type") == "Ready" && c.Text("status") == "True");

    public static bool IsUnschedulable(JsonObject node) => node.Spec().Flag("unschedulable") == true;

    public static IReadOnlyList<NodeTaint> Taints(JsonObject node) =>
        node.Spec().Objects("taints").Select(t => new NodeTaint(t.Text("key"), t.Str("value"), t.Text("effect"))).ToList();

    public static DateTimeOffset? TaintAdded(JsonObject node, string key) =>
        Timestamps.Parse(node.Spec().Objects("taints").FirstOrDefault(t => t.Text("key") == key)?.Str("timeAdded"));

    /// <summary>Sets the Ready condition, keeping lastTransitionTime when the status does not change.</summary>
    public static void SetReady(JsonObject node, string status, string reason, string message, DateTimeOffset now)
    {
        if (node["status"] is not JsonObject nodeStatus) node["status"] = nodeStatus = [];
        if (nodeStatus["conditions"] is not JsonArray conditions) nodeStatus["conditions"] = conditions = [];
        var ready = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Text("type") == "Ready");
        var time = Timestamps.Format(now);
        if (ready is null)
        {
            ready = new JsonObject { ["type"] = "Ready", ["lastTransitionTime"] = time };
            conditions.Add(ready);
        }
        if (ready.Text("status") != status) ready["lastTransitionTime"] = time;
        ready["status"] = status;
        ready["reason"] = reason;
        ready["message"] = message;
        ready["lastHeartbeatTime"] = time;
    }

    public static void AddTaint(JsonObject node, string key, string effect, DateTimeOffset now)
    {
        if (node["spec"] is not JsonObject spec) node["spec"] = spec = [];
        if (spec["taints"] is not JsonArray taints) spec["taints"] = taints = [];
        if (taints.OfType<JsonObject>().Any(t => t.Text("key") == key && t.Text("effect") == effect)) return;
        taints.Add(new JsonObject { ["key"] = key, ["effect"] = effect, ["timeAdded"] = Timestamps.Format(now) });
    }

    public static void RemoveTaint(JsonObject node, string key)
    {
        if (node.Spec()?["taints"] is not JsonArray taints) return;
        foreach (var taint in taints.OfType<JsonObject>().Where(t => t.Text("key") == key).ToList()) taints.Remove(taint);
        if (taints.Count == 0) node.Spec()!.Remove("taints");
    }
}
