using ScottPlot;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// One PNG: for each N and mode, the share of pods ready against seconds since the batch started, over
/// all measured runs (an empirical CDF); solid lines orchestrated, dashed the floor.
/// </summary>
public static class PodStartupPlot
{
    public static void Save(PodStartupResults results, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var pods in results.PodCounts)
        {
            var color = palette.GetColor(index++);
            foreach (var mode in new[] { StartMode.Orchestrated, StartMode.Floor })
            {
                var measured = results.Measured.Where(r => r.Pods == pods && r.Mode == mode).SelectMany(r => r.PerPod).Select(p => p.Ready).Order().ToArray();
                if (measured.Length == 0) continue;
                // A step from 0 at the first pod's time, then up by one pod's share at each pod's time.
                double[] ready = [measured[0], .. measured];
                var share = Enumerable.Range(0, ready.Length).Select(i => (double)i / measured.Length).ToArray();
                var line = plot.Add.Scatter(ready, share, color);
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.LineWidth = 2;
                line.MarkerSize = 0;
                line.LinePattern = mode == StartMode.Floor ? LinePattern.Dashed : LinePattern.Solid;
                line.LegendText = $"{pods} pod{(pods == 1 ? "" : "s")}, {(mode == StartMode.Floor ? "Docker directly (floor)" : "orchestrated")}";
            }
        }
        plot.Title($"pod-startup: time until each pod answers HTTP ({results.Runs} runs each, {results.Environment.Cores} cores)");
        plot.XLabel("seconds since the batch was started");
        plot.YLabel("share of the batch's pods ready");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Axes.SetLimitsX(0, results.Measured.SelectMany(r => r.PerPod).Max(p => p.Ready) * 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 600);
    }
}
