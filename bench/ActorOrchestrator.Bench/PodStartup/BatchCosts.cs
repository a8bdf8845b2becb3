using ActorOrchestrator.Bench.Infrastructure;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// What one batch cost, from its start until its last pod was ready: CPU seconds per process (the
/// cluster's programs, its PostgreSQL, the Docker engine), and the node agents' own counters: calls to
/// the engine by operation, pod worker passes and status reports. The floor counts its engine calls itself.
/// </summary>
public sealed record BatchCosts(
    IReadOnlyDictionary<string, double> CpuSeconds,
    IReadOnlyDictionary<string, double> EngineCalls,
    double PodPasses,
    double StatusReports)
{
    public static BatchCosts None { get; } = new(new Dictionary<string, double>(), new Dictionary<string, double>(), 0, 0);

    public double TotalEngineCalls => EngineCalls.Values.Sum();
}

/// <summary>Takes the readings a <see cref="BatchCosts"/> is the difference of.</summary>
public sealed class CostMeter(BenchCluster cluster, HttpClient http)
{
    private const string CallsMetric = "actororchestrator_nodeagent_runtime_calls_total";
    private const string PassesMetric = "actororchestrator_nodeagent_pod_passes_total";
    private const string ReportsMetric = "actororchestrator_nodeagent_pod_status_reports_total";
    private Dictionary<string, ProcessUsage?> _usage = [];
    private IReadOnlyDictionary<string, int> _pids = new Dictionary<string, int>();
    private List<PrometheusCounters> _agents = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _pids = cluster.ProcessIds();
        _agents = await ScrapeAgentsAsync(cancellationToken);
        _usage = ReadUsage();
    }

    public async Task<BatchCosts> StopAsync(CancellationToken cancellationToken)
    {
        var usage = ReadUsage();
        var agents = await ScrapeAgentsAsync(cancellationToken);
        var cpu = _usage.Keys.ToDictionary(name => name, name => ProcessUsage.CpuBetween(_usage[name], usage.GetValueOrDefault(name)), StringComparer.Ordinal);
        var calls = new Dictionary<string, double>(StringComparer.Ordinal);
        double passes = 0, reports = 0;
        for (var i = 0; i < agents.Count; i++)
        {
            foreach (var (operation, count) in agents[i].Since(_agents[i], CallsMetric))
            {
                calls[operation] = calls.GetValueOrDefault(operation) + count;
            }
            passes += agents[i].Since(_agents[i], PassesMetric).Values.Sum();
            reports += agents[i].Since(_agents[i], ReportsMetric).Values.Sum();
        }
        return new BatchCosts(cpu, calls, passes, reports);
    }

    private Dictionary<string, ProcessUsage?> ReadUsage() =>
        _pids.ToDictionary(p => p.Key, p => ProcessUsage.Read(p.Value, children: p.Key == "postgres"), StringComparer.Ordinal);

    private async Task<List<PrometheusCounters>> ScrapeAgentsAsync(CancellationToken cancellationToken) =>
        [.. await Task.WhenAll(Enumerable.Range(1, cluster.Nodes)
            .Select(i => PrometheusCounters.ScrapeAsync(http, new Uri(cluster.NodeAgentUrl(i), "metrics"), "operation", cancellationToken)))];
}
