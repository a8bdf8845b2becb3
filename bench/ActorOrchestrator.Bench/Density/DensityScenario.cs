using System.Globalization;
using ActorOrchestrator.Bench.Infrastructure;
using ActorOrchestrator.Bench.PodStartup;
using k8s;
using k8s.Models;
using Spectre.Console;

namespace ActorOrchestrator.Bench.Density;

/// <summary>
/// The <c>density</c> command (ClusterLoader2's density test on kubemark-style nodes): a cluster of its own
/// with hollow nodes only, ReplicaSets created through the Gateway (at a steady rate or all at once), a
/// watch timing every pod from created to Running, lists of the namespace's pods timed meanwhile, CPU and
/// peak memory of the programs and PostgreSQL, and what the database grew by per pod.
/// </summary>
public static class DensityScenario
{
    private static readonly TimeSpan ListEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(DensityOptions options, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 140;
        var root = RepositoryRoot.Find();
        var id = Guid.NewGuid().ToString("N")[..6];
        var startedAt = DateTimeOffset.UtcNow;
        var stamp = startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var resultsDir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(resultsDir);
        BenchCluster? cluster = null;
        var failed = false;
        try
        {
            DensityResults? results = null;
            await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var up = context.AddTask($"cluster: deploy/up.sh --nodes 0 --hollow-nodes {options.HollowNodes}", maxValue: 1).IsIndeterminate();
                    cluster = await BenchCluster.StartAsync(root, id, nodes: 0, line =>
                    {
                        if (line.StartsWith("[ao up] == ", StringComparison.Ordinal)) up.Description = Markup.Escape("cluster: " + line["[ao up] == ".Length..]);
                    }, cancellationToken, options.HollowNodes,
                        new Dictionary<string, string> { ["AO_FAKE_LATENCY_MS"] = options.FakeLatencyMs.ToString(CultureInfo.InvariantCulture) });
                    up.Description = $"cluster: up, {options.HollowNodes} hollow nodes Ready";
                    up.IsIndeterminate(false).Value(1);
                    var created = context.AddTask("pods created (watch)", maxValue: options.Pods);
                    var running = context.AddTask("pods Running (watch)", maxValue: options.Pods);
                    results = await MeasureAsync(cluster, options, startedAt, root, (c, r) => (created.Value, running.Value) = (c, r), cancellationToken);
                });
            DensityReport.Print(results!);
            var json = Path.Combine(resultsDir, $"density-{stamp}.json");
            var png = Path.Combine(resultsDir, $"density-{stamp}.png");
            await results!.WriteAsync(json);
            DensityPlot.Save(results, png);
            AnsiConsole.MarkupLine($"Results: [blue]{Markup.Escape(json)}[/]");
            AnsiConsole.MarkupLine($"Plot:    [blue]{Markup.Escape(png)}[/]");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            AnsiConsole.MarkupLine($"[red]density failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        finally
        {
            if (cluster is not null)
            {
                if (options.KeepLogs || failed || cancellationToken.IsCancellationRequested)
                {
                    var logs = Path.Combine(resultsDir, $"density-{stamp}-logs");
                    cluster.CopyLogsTo(logs);
                    AnsiConsole.MarkupLine($"Logs:    [blue]{Markup.Escape(logs)}[/]");
                }
                AnsiConsole.MarkupLine("Cleaning up: deploy/down.sh ...");
                await cluster.DisposeAsync();
            }
        }
    }

    private static async Task<DensityResults> MeasureAsync(
        BenchCluster cluster, DensityOptions options, DateTimeOffset startedAt, string root, Action<int, int> onProgress, CancellationToken cancellationToken)
    {
        const string ns = "density";
        using var client = cluster.Client();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        var api = new ApiLatencies();
        var watch = new PodWatch(client, ns);
        var listed = await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pids = cluster.ProcessIds();
        var before = pids.ToDictionary(p => p.Key, p => ProcessUsage.Read(p.Value, children: p.Key == "postgres"));
        var dbBefore = await DatabaseStats.ReadAsync(cluster.DatabaseConnectionString, cancellationToken);

        watch.Start();
        var watching = watch.RunAsync(listed.Metadata.ResourceVersion, stop.Token);
        var listing = ListRepeatedlyAsync(client, ns, api, stop.Token);
        var peaks = SamplePeaksAsync(pids, stop.Token);
        await CreateReplicaSetsAsync(client, ns, options, api, watch, cancellationToken);
        var createSeconds = watch.Now;

        var deadline = DateTime.UtcNow + options.Timeout;
        while (watch.Running < options.Pods)
        {
            onProgress(watch.Created, watch.Running);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {watch.Running} of {options.Pods} pods Running after {options.Timeout.TotalSeconds:F0}s; logs are kept");
            }
            await Task.Delay(200, cancellationToken);
        }
        onProgress(watch.Created, watch.Running);
        var allRunning = watch.Now;
        var after = pids.ToDictionary(p => p.Key, p => ProcessUsage.Read(p.Value, children: p.Key == "postgres"));
        await stop.CancelAsync();
        var peakBytes = await peaks;
        await IgnoreCancellation(watching);
        await IgnoreCancellation(listing);
        var dbAfter = await DatabaseStats.ReadAsync(cluster.DatabaseConnectionString, cancellationToken);

        var pods = watch.Snapshot();
        var latencies = pods.Select(p => p.Running - p.Created).ToList();
        var firstCreated = pods.Min(p => p.Created);
        return new DensityResults("density", startedAt, options.CommandLine, await EnvironmentAsync(root, cancellationToken),
            options.HollowNodes, options.Pods, options.PerReplicaSet, options.PodsPerSecond, options.FakeLatencyMs,
            createSeconds, allRunning, options.Pods / Math.Max(0.001, allRunning - firstCreated),
            Statistics.Percentile(latencies, 50), Statistics.Percentile(latencies, 90), Statistics.Percentile(latencies, 99), latencies.Max(),
            api.Summary(),
            [.. pids.Keys.Order(StringComparer.Ordinal).Select(p => new ProcessCost(p, ProcessUsage.CpuBetween(before[p], after[p]), peakBytes.GetValueOrDefault(p) / 1048576.0))],
            (double)(dbAfter.Rows - dbBefore.Rows) / options.Pods,
            (double)(dbAfter.Bytes - dbBefore.Bytes) / options.Pods,
            (double)(dbAfter.RowWrites - dbBefore.RowWrites) / options.Pods,
            [.. pods.Select(p => p.Created)], [.. pods.Select(p => p.Running)]);
    }

    /// <summary>All at once, or paced so that pods are asked for at the requested rate (one ReplicaSet's worth at a time).</summary>
    private static async Task CreateReplicaSetsAsync(Kubernetes client, string ns, DensityOptions options, ApiLatencies api, PodWatch watch, CancellationToken cancellationToken)
    {
        var creates = new List<Task>();
        var asked = 0;
        for (var i = 0; i < options.ReplicaSets; i++)
        {
            var replicas = Math.Min(options.PerReplicaSet, options.Pods - asked);
            if (options.PodsPerSecond > 0)
            {
                var due = asked / options.PodsPerSecond - watch.Now;
                if (due > 0) await Task.Delay(TimeSpan.FromSeconds(due), cancellationToken);
            }
            var rs = ReplicaSet($"density-{i.ToString(CultureInfo.InvariantCulture)}", replicas);
            creates.Add(api.TimeAsync("POST replicasets", () => client.AppsV1.CreateNamespacedReplicaSetAsync(rs, ns, cancellationToken: cancellationToken)));
            asked += replicas;
        }
        await Task.WhenAll(creates);
    }

    private static V1ReplicaSet ReplicaSet(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["rs"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["rs"] = name, ["app"] = "density" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "kubia", Image = KubiaPod.Image, Ports = [new V1ContainerPort { ContainerPort = KubiaPod.Port }] }] },
            },
        },
    };

    /// <summary>The namespace's pods, listed every couple of seconds while the run goes (the list SLI).</summary>
    private static async Task ListRepeatedlyAsync(Kubernetes client, string ns, ApiLatencies api, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await api.TimeAsync("LIST pods", () => client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cancellationToken));
            await Task.Delay(ListEvery, cancellationToken);
        }
    }

    /// <summary>Peak resident memory per process while the run goes (sampled each half second; PostgreSQL summed over its processes).</summary>
    private static async Task<Dictionary<string, long>> SamplePeaksAsync(IReadOnlyDictionary<string, int> pids, CancellationToken cancellationToken)
    {
        var peaks = pids.Keys.ToDictionary(k => k, _ => 0L);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (name, pid) in pids)
            {
                if (ProcessUsage.Read(pid, children: name == "postgres") is { } usage) peaks[name] = Math.Max(peaks[name], usage.ResidentBytes);
            }
            try
            {
                await Task.Delay(500, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peaks;
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped by the run.
        }
    }

    private static async Task<BenchEnvironment> EnvironmentAsync(string root, CancellationToken cancellationToken) => new(
        Environment.MachineName, Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, "none (hollow nodes)", await GitCommit.ReadAsync(root));
}
