using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Scheduling;

namespace ActorOrchestrator.Grains.Nodes;

/// <summary>
/// The pods bound to one node as its grain knows them: what they request, who owns them, and how long
/// they tolerate the node being unreachable. Rebuilt from the store when the grain activates, then
/// kept current by the pods' change notices.
/// </summary>
internal sealed class NodePods
{
    private readonly Dictionary<string, BoundPod> _pods = new(StringComparer.Ordinal);

    public bool Loaded { get; private set; }

    public IReadOnlyCollection<BoundPod> All => _pods.Values;

    public void Load(IEnumerable<JsonObject> pods)
    {
        _pods.Clear();
        foreach (var pod in pods) Upsert(pod);
        Loaded = true;
    }

    /// <summary>Records a pod's latest state; returns whether anything the scheduler sees changed.</summary>
    public bool Upsert(JsonObject pod)
    {
        var key = $"{pod.Namespace()}/{pod.Name()}";
        var bound = BoundPod.From(key, pod);
        var changed = !_pods.TryGetValue(key, out var previous) || previous.Requests != bound.Requests || previous.OwnerUid != bound.OwnerUid;
        _pods[key] = bound;
        return changed;
    }

    public bool Remove(string key) => _pods.Remove(key);

    public ResourceAmounts Requested() => _pods.Values.Aggregate(default(ResourceAmounts), (sum, p) => sum + p.Requests);

    public IReadOnlyDictionary<string, int> PerOwner() =>
        _pods.Values.Where(p => p.OwnerUid is not null).GroupBy(p => p.OwnerUid!).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>One pod on the node, reduced to what node-level decisions need.</summary>
internal sealed record BoundPod(string Key, string Uid, ResourceAmounts Requests, string? OwnerUid, long? UnreachableTolerationSeconds, bool Tolerates)
{
    public static BoundPod From(string key, JsonObject pod)
    {
        var (tolerates, seconds) = UnreachableToleration(pod);
        var owner = pod.Metadata().Objects("ownerReferences").FirstOrDefault(r => r.Flag("controller") == true)?.Str("uid");
        return new BoundPod(key, pod.Uid() ?? "", PodRequests.Of(pod), owner, seconds, tolerates);
    }

    /// <summary>Whether the pod tolerates the unreachable NoExecute taint, and for how long (null: forever).</summary>
    private static (bool Tolerates, long? Seconds) UnreachableToleration(JsonObject pod)
    {
        foreach (var toleration in pod.Spec().Objects("tolerations"))
        {
            var key = toleration.Str("key");
            var effect = toleration.Str("effect");
            var matchesKey = key == NodeConditions.UnreachableTaint || (key is null or "" && toleration.Text("operator") == "Exists");
            if (matchesKey && effect is null or "" or "NoExecute") return (true, toleration.Num("tolerationSeconds"));
        }
        return (false, 0);
    }
}
