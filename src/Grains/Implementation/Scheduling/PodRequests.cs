using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Scheduling;

namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// What a pod asks of a node, as the scheduler counts it: the sum of its containers' requests (a
/// container with only a limit requests its limit), or the largest init container's, plus one pod.
/// </summary>
public static class PodRequests
{
    public static ResourceAmounts Of(JsonObject pod)
    {
        var spec = pod.Spec();
        var containers = Sum(spec.Objects("containers"));
        var init = spec.Objects("initContainers").Select(c => Sum([c])).DefaultIfEmpty(default);
        var largestInit = new ResourceAmounts(init.Max(r => r.MilliCpu), init.Max(r => r.MemoryBytes), 0);
        return new ResourceAmounts(
            Math.Max(containers.MilliCpu, largestInit.MilliCpu),
            Math.Max(containers.MemoryBytes, largestInit.MemoryBytes),
            1);
    }

    /// <summary>A node's <c>status.allocatable</c> (falling back to capacity).</summary>
    public static ResourceAmounts Allocatable(JsonObject node)
    {
        var from = node.Status()?["allocatable"] as JsonObject ?? node.Status()?["capacity"] as JsonObject;
        return new ResourceAmounts(
            Read(from, "cpu", Quantity.ToMilliCpu) ?? 0,
            Read(from, "memory", Quantity.ToBytes) ?? 0,
            (int)(Read(from, "pods", q => (long)Quantity.Parse(q)) ?? 110));
    }

    private static ResourceAmounts Sum(IEnumerable<JsonObject> containers)
    {
        long cpu = 0, memory = 0;
        foreach (var container in containers)
        {
            var resources = container["resources"] as JsonObject;
            var requests = resources?["requests"] as JsonObject;
            var limits = resources?["limits"] as JsonObject;
            cpu += Read(requests, "cpu", Quantity.ToMilliCpu) ?? Read(limits, "cpu", Quantity.ToMilliCpu) ?? 0;
            memory += Read(requests, "memory", Quantity.ToBytes) ?? Read(limits, "memory", Quantity.ToBytes) ?? 0;
        }
        return new ResourceAmounts(cpu, memory, 0);
    }

    private static long? Read(JsonObject? map, string name, Func<string, long> convert)
    {
        var text = map?[name]?.ToString();
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return convert(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
