using System.Diagnostics.Metrics;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>The container runtime's counters (meter <c>ActorOrchestrator.NodeAgent.Runtime</c>).</summary>
public static class RuntimeMetrics
{
    public const string MeterName = "ActorOrchestrator.NodeAgent.Runtime";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Calls to the container engine by operation (create container, inspect, list, ...): what a pod costs the engine.</summary>
    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("actororchestrator.nodeagent.runtime.calls");
}
