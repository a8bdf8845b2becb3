using Orleans.Concurrency;

namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// One shard of the scheduler. Pods are spread over shards by name, so scheduling work grows with
/// silos instead of funnelling through one grain; every shard keeps its own view of the nodes.
/// </summary>
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>A pod waits for a node; its JSON as committed.</summary>
    [OneWay]
    Task Enqueue(string podJson);

    /// <summary>A node changed (or disappeared): pods that did not fit may fit now.</summary>
    [OneWay]
    Task NodeChanged(NodeSummary summary);
}

public static class SchedulerShards
{
    /// <summary>Shards in every cluster; changing it moves pending pods to other shards, nothing else.</summary>
    public const int Count = 4;

    public static int For(string ns, string name) => (int)((uint)StableHash($"{ns}/{name}") % Count);

    /// <summary>FNV-1a: the same on every silo and every run, unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)hash;
    }
}
