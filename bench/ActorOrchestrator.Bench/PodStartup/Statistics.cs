namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>Order statistics by the nearest-rank method: the p-th percentile is a value that was measured.</summary>
public static class Statistics
{
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);
}

/// <summary>
/// What one mode achieved for one N over all its runs; the costs are medians over the runs of CPU seconds
/// per process per batch, and of engine calls, pod worker passes and status reports per pod.
/// </summary>
public sealed record ModeSummary(
    StartMode Mode, int Pods, int Runs, double AllReadyMedian, double AllReadyMin, double AllReadyMax,
    double PodP50, double PodP99, double PlacedP50, double RunningP50, double RunningP99,
    IReadOnlyDictionary<string, double> CpuSecondsMedian, double EngineCallsPerPod, double PassesPerPod, double StatusReportsPerPod)
{
    public static ModeSummary Of(StartMode mode, int pods, IReadOnlyList<StartRun> runs)
    {
        var perPod = runs.SelectMany(r => r.PerPod).ToList();
        var processes = runs.SelectMany(r => r.Costs.CpuSeconds.Keys).Distinct().Order(StringComparer.Ordinal);
        return new ModeSummary(mode, pods, runs.Count,
            Statistics.Median(runs.Select(r => r.AllReady)), runs.Min(r => r.AllReady), runs.Max(r => r.AllReady),
            Statistics.Percentile(perPod.Select(p => p.Ready), 50), Statistics.Percentile(perPod.Select(p => p.Ready), 99),
            Statistics.Percentile(perPod.Select(p => p.Placed), 50),
            Statistics.Percentile(perPod.Select(p => p.Running), 50), Statistics.Percentile(perPod.Select(p => p.Running), 99),
            processes.ToDictionary(p => p, p => Statistics.Median(runs.Select(r => r.Costs.CpuSeconds.GetValueOrDefault(p, double.NaN))), StringComparer.Ordinal),
            Statistics.Median(runs.Select(r => r.Costs.TotalEngineCalls / r.Pods)),
            Statistics.Median(runs.Select(r => r.Costs.PodPasses / r.Pods)),
            Statistics.Median(runs.Select(r => r.Costs.StatusReports / r.Pods)));
    }

    /// <summary>CPU seconds of the control plane (everything but the Docker engine) per batch.</summary>
    public double ControlPlaneCpu => CpuSecondsMedian.Where(p => p.Key is not ("dockerd" or "containerd")).Sum(p => double.IsNaN(p.Value) ? 0 : p.Value);
}

/// <summary>Orchestrated against the floor for one N; the ratio compares the median times until all pods were ready.</summary>
public sealed record PodsSummary(int Pods, ModeSummary Orchestrated, ModeSummary Floor)
{
    public double Ratio => Orchestrated.AllReadyMedian / Floor.AllReadyMedian;

    public double PodP50Ratio => Orchestrated.PodP50 / Floor.PodP50;
}
