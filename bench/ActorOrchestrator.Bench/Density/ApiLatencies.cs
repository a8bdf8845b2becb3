using System.Diagnostics;

namespace ActorOrchestrator.Bench.Density;

/// <summary>Client-side latencies of API calls, by "VERB resource" (e.g. <c>POST replicasets</c>, <c>LIST pods</c>).</summary>
public sealed class ApiLatencies
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<double>> _byCall = [];

    public async Task<T> TimeAsync<T>(string call, Func<Task<T>> send)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await send();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        lock (_gate)
        {
            if (!_byCall.TryGetValue(call, out var list)) _byCall[call] = list = [];
            list.Add(seconds);
        }
        return result;
    }

    public IReadOnlyList<ApiLatency> Summary()
    {
        lock (_gate)
        {
            return [.. _byCall.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ApiLatency(c.Key, c.Value.Count,
                PodStartup.Statistics.Percentile(c.Value, 50), PodStartup.Statistics.Percentile(c.Value, 99), c.Value.Max()))];
        }
    }
}

public sealed record ApiLatency(string Call, int Count, double P50, double P99, double Max);
