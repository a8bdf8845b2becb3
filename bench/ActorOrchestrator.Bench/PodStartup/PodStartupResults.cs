using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>Where and how the benchmark ran, so a figure can be read next to its conditions.</summary>
public sealed record BenchEnvironment(string Machine, int Cores, string Os, string Dotnet, string Docker, string Commit);

/// <summary>Everything one <c>pod-startup</c> invocation measured; written as JSON next to the plot.</summary>
public sealed record PodStartupResults(
    string Scenario,
    DateTimeOffset StartedAt,
    string Command,
    BenchEnvironment Environment,
    IReadOnlyList<int> PodCounts,
    int Runs,
    int WarmupRuns,
    string Pod,
    double TargetRatio,
    IReadOnlyList<PodsSummary> Summary,
    IReadOnlyList<StartRun> Measured)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task WriteAsync(string path) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + "\n");
}
