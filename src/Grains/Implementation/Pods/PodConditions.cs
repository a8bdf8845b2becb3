using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>Sets pod conditions the way Kubernetes does: lastTransitionTime moves only when the status does.</summary>
internal static class PodConditions
{
    public static void Set(JsonObject pod, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        if (pod["status"] is not JsonObject podStatus) pod["status"] = podStatus = [];
        if (podStatus["conditions"] is not JsonArray conditions) podStatus["conditions"] = conditions = [];
        var condition = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Text("type") == type);
        if (condition is null)
        {
            condition = new JsonObject { ["type"] = type };
            conditions.Add(condition);
        }
        if (condition.Text("status") != status) condition["lastTransitionTime"] = Timestamps.Format(now);
        condition["status"] = status;
        condition["lastProbeTime"] = null;
        if (reason is null) condition.Remove("reason");
        else condition["reason"] = reason;
        if (message is null) condition.Remove("message");
        else condition["message"] = message;
    }
}
