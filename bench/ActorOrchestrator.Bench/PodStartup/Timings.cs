namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>How the pods are started: through the cluster, or directly on Docker (the floor).</summary>
public enum StartMode
{
    Orchestrated,
    Floor,
}

/// <summary>
/// One pod's milestones in seconds after the batch started (all pods of a batch start together).
/// Orchestrated: <c>Accepted</c> = the POST answered, <c>Placed</c> = bound to the node, <c>Running</c> =
/// its container reported running, <c>Ready</c> = the Ready condition seen on the watch.
/// Floor: <c>Accepted</c> = the sandbox created, <c>Placed</c> = the sandbox running with an address,
/// <c>Running</c> = kubia started, <c>Ready</c> = kubia answered the readiness check (the pod's probe, on its schedule).
/// </summary>
public sealed record PodTiming(string Name, double Accepted, double Placed, double Running, double Ready);

/// <summary>
/// One batch of N pods started together at <c>StartedAt</c> (wall clock, to line up with other records such as
/// logs or CPU samples); <c>AllReady</c> is when the last one was ready, in seconds after that; <c>Costs</c>
/// what the batch took from the processes involved until then.
/// </summary>
public sealed record StartRun(StartMode Mode, int Pods, int Run, DateTimeOffset StartedAt, double AllReady, IReadOnlyList<PodTiming> PerPod, BatchCosts Costs);
