using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>The pod's QoS class: the API server stores it at creation; this computes it for a pod that lacks it.</summary>
internal static class QosClass
{
    public static string Of(DesiredPod pod)
    {
        if (pod.StoredStatus?["qosClass"] is System.Text.Json.Nodes.JsonValue stored && stored.TryGetValue<string>(out var qos) && qos.Length > 0)
        {
            return qos;
        }
        var containers = pod.Spec.Containers ?? [];
        var anySet = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var requests = container.Resources?.Requests;
            var limits = container.Resources?.Limits;
            anySet |= requests is { Count: > 0 } || limits is { Count: > 0 };
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = Get(limits, resource);
                var request = Get(requests, resource) ?? limit;
                guaranteed &= limit is not null && request == limit;
            }
        }
        return !anySet ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static string? Get(IDictionary<string, ResourceQuantity>? quantities, string name) =>
        quantities is not null && quantities.TryGetValue(name, out var quantity) ? quantity?.ToString() : null;
}
