using System.Globalization;
using Spectre.Console;

namespace ActorOrchestrator.Bench.Density;

/// <summary>The human summary of a density run, each figure beside the issue's target where it has one.</summary>
public static class DensityReport
{
    public static void Print(DensityResults r)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"density: {r.Pods} pods in ReplicaSets of {r.PerReplicaSet} on {r.HollowNodes} hollow nodes ({r.Environment.Cores} cores)");
        table.AddColumn("figure");
        table.AddColumn(new TableColumn("measured").RightAligned());
        table.AddColumn(new TableColumn("target").RightAligned());
        table.AddRow("requested rate", r.RequestedPodsPerSecond > 0 ? $"{F(r.RequestedPodsPerSecond, "0")} pods/s" : "all at once", "");
        table.AddRow("ReplicaSets created after", $"{F(r.CreateSeconds, "0.00")} s", "");
        table.AddRow("all Running after", $"{F(r.AllRunningSeconds, "0.00")} s", "");
        table.AddRow("throughput, created → Running", $"{F(r.PodsPerSecond, "0.0")} pods/s", Target(r.PodsPerSecond >= DensityOptions.TargetPodsPerSecond, $"≥ {DensityOptions.TargetPodsPerSecond:0}"));
        table.AddRow("startup latency p50 / p90", $"{F(r.StartupP50, "0.000")} / {F(r.StartupP90, "0.000")} s", "");
        table.AddRow("startup latency p99 (max)", $"{F(r.StartupP99, "0.000")} s ({F(r.StartupMax, "0.000")})", Target(r.StartupP99 <= DensityOptions.TargetStartupP99Seconds, $"≤ {DensityOptions.TargetStartupP99Seconds:0.0} s"));
        foreach (var call in r.Api)
        {
            var limit = call.Call.StartsWith("LIST", StringComparison.Ordinal) ? DensityOptions.TargetListP99Seconds : DensityOptions.TargetMutatingP99Seconds;
            table.AddRow($"{call.Call} p50 / p99 ({call.Count} calls)", $"{F(call.P50 * 1000, "0")} / {F(call.P99 * 1000, "0")} ms", Target(call.P99 <= limit, $"p99 ≤ {limit * 1000:0} ms"));
        }
        foreach (var process in r.Processes)
        {
            table.AddRow($"{process.Process}: CPU, peak memory", $"{F(process.CpuSeconds, "0.0")} s, {F(process.PeakMegabytes, "0")} MiB", "");
        }
        table.AddRow("database rows / bytes per pod", $"{F(r.DatabaseRowsPerPod, "0.0")} / {F(r.DatabaseBytesPerPod, "0")}", "");
        table.AddRow("row writes per pod", F(r.RowWritesPerPod, "0.0"), "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Startup latency: from the watch first seeing a pod to seeing it Running (the Kubernetes SLI); API latencies as the client saw them.[/]");
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Target(bool met, string text) => met ? $"[green]{Markup.Escape(text)}[/]" : $"[red]{Markup.Escape(text)}[/]";
}
