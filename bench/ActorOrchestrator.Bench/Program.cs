using System.CommandLine;
using System.Globalization;
using ActorOrchestrator.Bench.Density;
using ActorOrchestrator.Bench.PodStartup;

// One command per scenario; each brings up a cluster of its own and removes everything it made.
var pods = new Option<string>("--pods") { Description = "batch sizes, comma-separated", DefaultValueFactory = _ => "1,30" };
var runs = new Option<int>("--runs") { Description = "measured batches per size and mode", DefaultValueFactory = _ => 3 };
var warmup = new Option<int>("--warmup") { Description = "unrecorded batches of every size, per mode, before measuring", DefaultValueFactory = _ => 1 };
var keepLogs = new Option<bool>("--keep-logs") { Description = "copy the cluster's logs to bench/results (always done after a failure)" };

var podStartup = new Command("pod-startup", "Time from POSTing N pods until all are Ready, against Docker starting the same containers directly");
podStartup.Options.Add(pods);
podStartup.Options.Add(runs);
podStartup.Options.Add(warmup);
podStartup.Options.Add(keepLogs);
podStartup.SetAction(async (parsed, cancellationToken) =>
{
    var counts = ParseCounts(parsed.GetValue(pods)!);
    if (counts is null || parsed.GetValue(runs) < 1 || parsed.GetValue(warmup) < 0)
    {
        await Console.Error.WriteLineAsync("--pods takes sizes from 1 to 200 like 1,30; --runs is at least 1; --warmup at least 0");
        return 2;
    }
    var options = new PodStartupOptions(counts, parsed.GetValue(runs), parsed.GetValue(warmup), parsed.GetValue(keepLogs),
        "dotnet run --project bench/ActorOrchestrator.Bench -c Release -- " + string.Join(' ', args));
    return await PodStartupScenario.RunAsync(options, cancellationToken);
});

var hollowNodes = new Option<int>("--hollow-nodes") { Description = "hollow nodes (real node code, simulated containers)", DefaultValueFactory = _ => 100 };
var densityPods = new Option<int>("--pods") { Description = "pods to create", DefaultValueFactory = _ => 3000 };
var perReplicaSet = new Option<int>("--per-replicaset") { Description = "pods per ReplicaSet", DefaultValueFactory = _ => 100 };
var rate = new Option<double>("--rate") { Description = "pods per second to ask for (0: all ReplicaSets at once)", DefaultValueFactory = _ => 0 };
var fakeLatency = new Option<int>("--fake-latency-ms") { Description = "simulated duration of each engine call of a pod's life", DefaultValueFactory = _ => 20 };
var density = new Command("density", "Pods of ReplicaSets on hollow nodes: pods/s, startup latency, API latency, CPU, memory and storage per pod");
foreach (var option in new Option[] { hollowNodes, densityPods, perReplicaSet, rate, fakeLatency, keepLogs }) density.Options.Add(option);
density.SetAction(async (parsed, cancellationToken) =>
{
    var options = new DensityOptions(parsed.GetValue(hollowNodes), parsed.GetValue(densityPods), parsed.GetValue(perReplicaSet), parsed.GetValue(rate),
        parsed.GetValue(fakeLatency), parsed.GetValue(keepLogs), "dotnet run --project bench/ActorOrchestrator.Bench -c Release -- " + string.Join(' ', args));
    if (options.HollowNodes is < 1 or > 5000 || options.Pods is < 1 or > 100_000 || options.PerReplicaSet < 1 || options.PodsPerSecond < 0 || options.FakeLatencyMs < 0)
    {
        await Console.Error.WriteLineAsync("--hollow-nodes 1..5000, --pods 1..100000, --per-replicaset ≥ 1, --rate ≥ 0, --fake-latency-ms ≥ 0");
        return 2;
    }
    return await DensityScenario.RunAsync(options, cancellationToken);
});

var root = new RootCommand("ActorOrchestrator benchmarks (see bench/README.md)");
root.Subcommands.Add(podStartup);
root.Subcommands.Add(density);
// Ctrl-C cancels the run; the cleanup (containers, down.sh) then gets as long as it needs, up to its own bounds.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(10) });

static List<int>? ParseCounts(string text)
{
    var counts = new List<int>();
    foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 200) return null;
        counts.Add(n);
    }
    return counts.Count == 0 ? null : counts.Distinct().ToList();
}
