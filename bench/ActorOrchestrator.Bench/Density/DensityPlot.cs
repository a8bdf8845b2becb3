using ScottPlot;

namespace ActorOrchestrator.Bench.Density;

/// <summary>One PNG: pods created and pods Running (as the watch saw them) against seconds since the first create.</summary>
public static class DensityPlot
{
    public static void Save(DensityResults results, string path)
    {
        var plot = new Plot();
        Add(plot, results.CreatedAt, "created (seen by the watch)", Colors.SteelBlue, LinePattern.Dashed);
        Add(plot, results.RunningAt, "Running (seen by the watch)", Colors.ForestGreen, LinePattern.Solid);
        plot.Title($"density: {results.Pods} pods on {results.HollowNodes} hollow nodes, {results.PodsPerSecond:0} pods/s, startup p99 {results.StartupP99:0.00} s");
        plot.XLabel("seconds since the first ReplicaSet was created");
        plot.YLabel("pods");
        plot.Axes.SetLimitsY(0, results.Pods * 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 600);
    }

    private static void Add(Plot plot, IReadOnlyList<double> times, string label, Color color, LinePattern pattern)
    {
        var sorted = times.Where(t => !double.IsNaN(t)).Order().ToArray();
        if (sorted.Length == 0) return;
        double[] xs = [0, .. sorted];
        var ys = Enumerable.Range(0, xs.Length).Select(i => (double)i).ToArray();
        var line = plot.Add.Scatter(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LinePattern = pattern;
        line.LegendText = label;
    }
}
