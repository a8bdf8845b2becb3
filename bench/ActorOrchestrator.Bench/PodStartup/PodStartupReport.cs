using System.Globalization;
using Spectre.Console;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>The human summary: one row per N and mode, then the ratio against the target.</summary>
public static class PodStartupReport
{
    public static void Print(PodStartupResults results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"pod-startup ({results.Runs} runs per row, {results.Environment.Cores} cores)");
        table.AddColumn("pods");
        table.AddColumn("how");
        table.AddColumn(new TableColumn("all ready: median (min–max)").RightAligned());
        table.AddColumn(new TableColumn("per pod p50").RightAligned());
        table.AddColumn(new TableColumn("per pod p99").RightAligned());
        table.AddColumn(new TableColumn("running p50").RightAligned());
        table.AddColumn(new TableColumn("orchestrated / floor").RightAligned());
        foreach (var summary in results.Summary)
        {
            foreach (var mode in new[] { summary.Orchestrated, summary.Floor })
            {
                var isOrchestrated = mode.Mode == StartMode.Orchestrated;
                table.AddRow(
                    isOrchestrated ? summary.Pods.ToString(CultureInfo.InvariantCulture) : "",
                    isOrchestrated ? "orchestrated" : "floor",
                    $"{Seconds(mode.AllReadyMedian)} ({Seconds(mode.AllReadyMin)}–{Seconds(mode.AllReadyMax)})",
                    Seconds(mode.PodP50),
                    Seconds(mode.PodP99),
                    Seconds(mode.RunningP50),
                    isOrchestrated ? Ratio(summary.Ratio, results.TargetRatio, summary.Pods == PodStartupOptions.TargetPods) : "");
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.Write(CostTable(results));
        AnsiConsole.MarkupLine("[grey]orchestrated: POST through the Gateway until Ready on a watch; floor: the same containers started on Docker directly until they pass the same readiness probe on the same schedule.[/]");
        AnsiConsole.MarkupLine("[grey]Times in seconds since the batch started; per-pod percentiles over every pod of every run; the ratio compares the medians of 'all ready'.[/]");
        if (results.Summary.FirstOrDefault(s => s.Pods == PodStartupOptions.TargetPods) is { } target)
        {
            var met = target.Ratio <= results.TargetRatio;
            AnsiConsole.MarkupLine($"Target for {target.Pods} pods: orchestrated/floor ≤ {results.TargetRatio:0.00}: " +
                (met ? $"[green]met ({target.Ratio:0.00})[/]" : $"[red]missed ({target.Ratio:0.00})[/]"));
        }
    }

    /// <summary>Per N and mode: CPU seconds each process spent until the batch was ready, and the agent's work per pod.</summary>
    private static Table CostTable(PodStartupResults results)
    {
        var processes = results.Summary.SelectMany(s => s.Orchestrated.CpuSecondsMedian.Keys.Concat(s.Floor.CpuSecondsMedian.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("cost per batch until all ready (medians): CPU seconds per process; engine calls, passes, status reports per pod");
        table.AddColumn("pods");
        table.AddColumn("how");
        foreach (var process in processes) table.AddColumn(new TableColumn(process).RightAligned());
        table.AddColumn(new TableColumn("control plane").RightAligned());
        table.AddColumn(new TableColumn("engine calls").RightAligned());
        table.AddColumn(new TableColumn("passes").RightAligned());
        table.AddColumn(new TableColumn("reports").RightAligned());
        foreach (var summary in results.Summary)
        {
            foreach (var mode in new[] { summary.Orchestrated, summary.Floor })
            {
                var isOrchestrated = mode.Mode == StartMode.Orchestrated;
                table.AddRow([
                    isOrchestrated ? summary.Pods.ToString(CultureInfo.InvariantCulture) : "",
                    isOrchestrated ? "orchestrated" : "floor",
                    .. processes.Select(p => Seconds(mode.CpuSecondsMedian.GetValueOrDefault(p, double.NaN), "0.00")),
                    Seconds(mode.ControlPlaneCpu, "0.00"),
                    Seconds(mode.EngineCallsPerPod, "0.0"),
                    isOrchestrated ? Seconds(mode.PassesPerPod, "0.0") : "",
                    isOrchestrated ? Seconds(mode.StatusReportsPerPod, "0.0") : "",
                ]);
            }
        }
        return table;
    }

    private static string Seconds(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Seconds(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio, double target, bool isTarget)
    {
        var text = ratio.ToString("0.00", CultureInfo.InvariantCulture);
        return !isTarget ? text : ratio <= target ? $"[green]{text}[/]" : $"[red]{text}[/]";
    }
}
