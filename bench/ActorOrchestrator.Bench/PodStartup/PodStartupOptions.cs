namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>What <c>pod-startup</c> measures: batches of each size in <see cref="PodCounts"/>, <see cref="Runs"/> times per mode.</summary>
public sealed record PodStartupOptions(IReadOnlyList<int> PodCounts, int Runs, int Warmup, bool KeepLogs, string CommandLine)
{
    /// <summary>The ratio orchestrated/floor the project aims at for 30 pods.</summary>
    public const double TargetRatio = 1.15;

    public const int TargetPods = 30;

    /// <summary>How long one batch may take before the run is abandoned.</summary>
    public static TimeSpan BatchTimeout(int pods) => TimeSpan.FromSeconds(60 + 2 * pods);
}
