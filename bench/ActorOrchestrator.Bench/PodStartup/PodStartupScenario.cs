using System.Globalization;
using System.Runtime.InteropServices;
using ActorOrchestrator.Bench.Infrastructure;
using Spectre.Console;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// The <c>pod-startup</c> command: a cluster of its own with one node on the real Docker engine, then per
/// run and per N a batch through the cluster and a batch on Docker directly (their order alternating from
/// run to run), after unrecorded warm-up batches of every N; then the summary, JSON and PNG. Everything it started
/// or created is removed at the end, whatever happened.
/// </summary>
public static class PodStartupScenario
{
    public static async Task<int> RunAsync(PodStartupOptions options, CancellationToken cancellationToken)
    {
        // A redirected output would be laid out 80 columns wide; the summary table needs more.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 140;
        var root = RepositoryRoot.Find();
        var id = Guid.NewGuid().ToString("N")[..6];
        var startedAt = DateTimeOffset.UtcNow;
        var stamp = startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var resultsDir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(resultsDir);
        var measured = new List<StartRun>();
        BenchCluster? cluster = null;
        using var docker = new DockerEngine();
        using var floor = new FloorStart(docker, id, PodStartupOptions.BatchTimeout(options.PodCounts.Max()));
        using var metricsHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var failed = false;
        try
        {
            await Progress().StartAsync(async context =>
            {
                var up = context.AddTask("cluster: deploy/up.sh --nodes 1", maxValue: 1).IsIndeterminate();
                cluster = await BenchCluster.StartAsync(root, id, nodes: 1, line =>
                {
                    if (line.StartsWith("[ao up] == ", StringComparison.Ordinal)) up.Description = Markup.Escape("cluster: " + line["[ao up] == ".Length..]);
                }, cancellationToken);
                up.Description = "cluster: up, node Ready";
                up.IsIndeterminate(false).Value(1);

                var costs = new CostMeter(cluster, metricsHttp);
                var orchestrated = new OrchestratedStart(cluster, docker, costs, PodStartupOptions.BatchTimeout(options.PodCounts.Max()));
                async Task<StartRun> BatchAsync(StartMode mode, int pods, int run, string label)
                {
                    var task = context.AddTask(Markup.Escape($"{label}: {pods} pod(s) {(mode == StartMode.Floor ? "on Docker directly" : "through the cluster")}"), maxValue: pods);
                    void Show(Milestones m) => task.Value = m.ReadyCount;
                    var result = mode == StartMode.Floor
                        ? await floor.RunAsync(pods, run, costs, Show, cancellationToken)
                        : await orchestrated.RunAsync(pods, run, Show, cancellationToken);
                    task.Description = Markup.Escape($"{label}: {pods} pod(s) {(mode == StartMode.Floor ? "on Docker directly" : "through the cluster")}: all ready in {result.AllReady:0.000} s");
                    task.Value = pods;
                    return result;
                }

                // Every size, so that the first measured batch of the largest does not pay for the programs'
                // code being compiled at their first concurrent starts (a cluster that has been running has).
                for (var w = 1; w <= options.Warmup; w++)
                {
                    foreach (var pods in options.PodCounts)
                    {
                        await BatchAsync(StartMode.Orchestrated, pods, -w, $"warm-up {w}");
                        await BatchAsync(StartMode.Floor, pods, -w, $"warm-up {w}");
                    }
                }
                for (var run = 1; run <= options.Runs; run++)
                {
                    foreach (var pods in options.PodCounts)
                    {
                        var modes = run % 2 == 1 ? new[] { StartMode.Orchestrated, StartMode.Floor } : [StartMode.Floor, StartMode.Orchestrated];
                        foreach (var mode in modes)
                        {
                            measured.Add(await BatchAsync(mode, pods, run, $"run {run}/{options.Runs}"));
                        }
                    }
                }
            });

            var results = new PodStartupResults("pod-startup", startedAt, options.CommandLine,
                await EnvironmentAsync(root, docker, cancellationToken), options.PodCounts, options.Runs, options.Warmup,
                $"{KubiaPod.Image}, imagePullPolicy IfNotPresent, readinessProbe httpGet :{KubiaPod.Port} periodSeconds {KubiaPod.ProbePeriodSeconds} (the floor probes on the same schedule)",
                PodStartupOptions.TargetRatio,
                [.. options.PodCounts.Select(n => new PodsSummary(n,
                    ModeSummary.Of(StartMode.Orchestrated, n, [.. measured.Where(r => r.Pods == n && r.Mode == StartMode.Orchestrated)]),
                    ModeSummary.Of(StartMode.Floor, n, [.. measured.Where(r => r.Pods == n && r.Mode == StartMode.Floor)])))],
                measured);
            PodStartupReport.Print(results);
            var json = Path.Combine(resultsDir, $"pod-startup-{stamp}.json");
            var png = Path.Combine(resultsDir, $"pod-startup-{stamp}.png");
            await results.WriteAsync(json);
            PodStartupPlot.Save(results, png);
            AnsiConsole.MarkupLine($"Results: [blue]{Markup.Escape(json)}[/]");
            AnsiConsole.MarkupLine($"Plot:    [blue]{Markup.Escape(png)}[/]");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            AnsiConsole.MarkupLine($"[red]pod-startup failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        finally
        {
            AnsiConsole.MarkupLine("Cleaning up: the floor's containers, then deploy/down.sh --containers ...");
            try
            {
                await floor.CleanUpAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AnsiConsole.MarkupLine($"[red]removing the floor's containers failed:[/] {Markup.Escape(e.Message)} (docker ps -a --filter label={FloorStart.BenchLabel}={id})");
            }
            if (cluster is not null)
            {
                if (options.KeepLogs || failed || cancellationToken.IsCancellationRequested)
                {
                    var logs = Path.Combine(resultsDir, $"pod-startup-{stamp}-logs");
                    cluster.CopyLogsTo(logs);
                    AnsiConsole.MarkupLine($"Logs:    [blue]{Markup.Escape(logs)}[/]");
                }
                await cluster.DisposeAsync();
            }
        }
    }

    private static Spectre.Console.Progress Progress() => AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn());

    private static async Task<BenchEnvironment> EnvironmentAsync(string root, DockerEngine docker, CancellationToken cancellationToken) => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        await docker.VersionAsync(cancellationToken),
        await GitCommit.ReadAsync(root));
}
