using System.Diagnostics.Metrics;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>The pod lifecycle's counters (meter <c>ActorOrchestrator.NodeAgent.Pods</c>), tagged by outcome.</summary>
internal static class PodMetrics
{
    public const string MeterName = "ActorOrchestrator.NodeAgent.Pods";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Pod worker passes by outcome: the phase, deleting, deleted, failed.</summary>
    public static readonly Counter<long> Passes = Meter.CreateCounter<long>("actororchestrator.nodeagent.pod.passes");

    /// <summary>Exited containers replaced by a new attempt (after any back-off).</summary>
    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("actororchestrator.nodeagent.container.restarts");

    /// <summary>Pod statuses sent to the control plane, by outcome: accepted, failed.</summary>
    public static readonly Counter<long> StatusReports = Meter.CreateCounter<long>("actororchestrator.nodeagent.pod.status_reports");

    /// <summary>Running containers killed to be replaced, by reason: liveness, startup, definition.</summary>
    public static readonly Counter<long> Kills = Meter.CreateCounter<long>("actororchestrator.nodeagent.container.kills");
}
