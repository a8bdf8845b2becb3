namespace ActorOrchestrator.Bench.Density;

/// <summary>
/// What <c>density</c> measures: <see cref="Pods"/> pods in ReplicaSets of <see cref="PerReplicaSet"/> on
/// <see cref="HollowNodes"/> hollow nodes, the ReplicaSets created at <see cref="PodsPerSecond"/> pods a
/// second (0: all at once, as fast as possible).
/// </summary>
public sealed record DensityOptions(int HollowNodes, int Pods, int PerReplicaSet, double PodsPerSecond, int FakeLatencyMs, bool KeepLogs, string CommandLine)
{
    public int ReplicaSets => (Pods + PerReplicaSet - 1) / PerReplicaSet;

    /// <summary>How long the pods may take to be Running before the run is abandoned.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(120 + Pods / 10.0 + (PodsPerSecond > 0 ? Pods / PodsPerSecond : 0));

    /// <summary>The targets on this machine, printed beside the figures.</summary>
    public const double TargetPodsPerSecond = 300;
    public const double TargetStartupP99Seconds = 2;
    public const double TargetMutatingP99Seconds = 0.25;
    public const double TargetListP99Seconds = 1;
}
