using System.Diagnostics.Metrics;

namespace ActorOrchestrator.Store;

/// <summary>Storage latency and batch sizes, exported by the silo's and Gateway's OpenTelemetry meters.</summary>
public static class StoreMetrics
{
    public const string MeterName = "ActorOrchestrator.Store";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> BatchDuration =
        Meter.CreateHistogram<double>("ao.store.commit.duration", "s", "Time to commit one batch of object writes");
    private static readonly Histogram<int> BatchSize =
        Meter.CreateHistogram<int>("ao.store.commit.writes", "{write}", "Object writes per committed transaction");
    private static readonly Histogram<double> QueryDuration =
        Meter.CreateHistogram<double>("ao.store.query.duration", "s", "Time to run one read query");

    public static void RecordBatch(int writes, TimeSpan elapsed)
    {
        BatchDuration.Record(elapsed.TotalSeconds);
        BatchSize.Record(writes);
    }

    public static void RecordQuery(string operation, TimeSpan elapsed) =>
        QueryDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
}
