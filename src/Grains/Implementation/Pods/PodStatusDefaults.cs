using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>The status a new pod starts with, and its QoS class (from requests and limits).</summary>
public static class PodStatusDefaults
{
    public static JsonObject Pending(JsonObject spec) => new()
    {
        ["phase"] = "Pending",
        ["qosClass"] = QosClass(spec),
    };

    /// <summary>Guaranteed when every container limits cpu and memory with equal requests; BestEffort with none.</summary>
    public static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var anySet = false;
        var allGuaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var resources = container["resources"] as JsonObject;
            var requests = resources?["requests"] as JsonObject;
            var limits = resources?["limits"] as JsonObject;
            if (requests is { Count: > 0 } || limits is { Count: > 0 }) anySet = true;
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = limits?[resource]?.ToString();
                var request = requests?[resource]?.ToString() ?? limit;
                if (limit is null || request != limit) allGuaranteed = false;
            }
        }
        return !anySet ? "BestEffort" : allGuaranteed ? "Guaranteed" : "Burstable";
    }
}
