using System.Diagnostics.Metrics;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>Reconcile duration and outcome per kind, for dashboards and the scale benchmarks.</summary>
public static class ReconcileMetrics
{
    public const string MeterName = "ActorOrchestrator.Reconcile";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("ao.reconcile.duration", "s", "Time of one reconcile pass");

    public static void Record(string kind, string outcome, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("outcome", outcome));
}
