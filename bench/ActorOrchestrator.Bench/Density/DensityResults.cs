using System.Text.Json;
using System.Text.Json.Serialization;
using ActorOrchestrator.Bench.PodStartup;

namespace ActorOrchestrator.Bench.Density;

/// <summary>CPU seconds a process spent during the run, and its peak resident memory (PostgreSQL: all its processes).</summary>
public sealed record ProcessCost(string Process, double CpuSeconds, double PeakMegabytes);

/// <summary>What one <c>density</c> invocation measured; written as JSON next to the plot.</summary>
public sealed record DensityResults(
    string Scenario,
    DateTimeOffset StartedAt,
    string Command,
    BenchEnvironment Environment,
    int HollowNodes,
    int Pods,
    int PerReplicaSet,
    double RequestedPodsPerSecond,
    int FakeLatencyMs,
    double CreateSeconds,
    double AllRunningSeconds,
    double PodsPerSecond,
    double StartupP50,
    double StartupP90,
    double StartupP99,
    double StartupMax,
    IReadOnlyList<ApiLatency> Api,
    IReadOnlyList<ProcessCost> Processes,
    double DatabaseRowsPerPod,
    double DatabaseBytesPerPod,
    double RowWritesPerPod,
    IReadOnlyList<double> CreatedAt,
    IReadOnlyList<double> RunningAt)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public async Task WriteAsync(string path) => await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + "\n");
}
