using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Grains.Scheduling;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Nodes;

/// <summary>
/// A node. Its agent registers it and sends heartbeats; the grain relays changes of the node's pods
/// to the agent, publishes what the scheduler needs, and runs the node lifecycle: a node whose agent
/// falls silent becomes NotReady, is tainted unreachable, and its pods are removed once their
/// toleration runs out, so that their controllers replace them elsewhere.
/// </summary>
public sealed partial class NodeGrain(ObjectServices services, NodeLifecycleOptions lifecycle, ILogger<NodeGrain> logger)
    : ApiObjectGrain(services, logger), INodeGrain
{
    private static readonly string[] AgentLabels = ["kubernetes.io/hostname", "kubernetes.io/os", "kubernetes.io/arch"];
    private readonly NodePods _pods = new();
    private INodeAgentObserver? _observer;
    private DateTimeOffset _lastHeartbeat;
    private long _summaryVersion;
    private NodeSummary? _published;

    public async Task<ObjectResponse> Register(string nodeJson)
    {
        await EnsureLoadedAsync();
        _lastHeartbeat = Now;
        if (Current is null) return await Create(new CreateCommand(nodeJson));

        var reported = JsonNode.Parse(nodeJson)!.AsObject();
        var merged = Current.Clone();
        merged["status"] = reported["status"]?.DeepClone();
        var labels = merged.Metadata()["labels"] as JsonObject ?? [];
        merged.Metadata()["labels"] = labels;
        foreach (var (key, value) in reported.Labels().Where(l => AgentLabels.Contains(l.Key))) labels[key] = value;
        NodeConditions.RemoveTaint(merged, NodeConditions.UnreachableTaint);
        return await CommitChangeAsync(Current, merged);
    }

    public async Task Heartbeat(INodeAgentObserver observer)
    {
        var node = await RequireCurrentAsync();
        _observer = observer;
        _lastHeartbeat = Now;
        await NodeLease.RenewAsync(GrainFactory, node, lifecycle.HeartbeatGracePeriod, Now);
        if (!NodeConditions.IsReady(node) || NodeConditions.TaintAdded(node, NodeConditions.UnreachableTaint) is not null)
        {
            var back = node.Clone();
            NodeConditions.SetReady(back, "True", "KubeletReady", "kubelet is posting ready status", Now);
            NodeConditions.RemoveTaint(back, NodeConditions.UnreachableTaint);
            await CommitChangeAsync(node, back);
            Services.Events.Record(back, "Normal", "NodeReady", $"Node {Key.Name} status is now: NodeReady", "node-controller");
        }
    }

    public async Task<AssignedPods> GetAssignedPods()
    {
        var listed = await Services.Reader.ListAsync(new ListQuery(ResourceRegistry.Pods.StorageKey, null, [],
            [SelectorTerm.EqualTo("spec.nodeName", Key.Name)]));
        return new AssignedPods(listed.Items.Select(i => i.Json).ToList(), listed.Revision);
    }

    public async Task PodChanged(PodNotice notice)
    {
        await EnsurePodsLoadedAsync();
        var key = $"{notice.Namespace}/{notice.Name}";
        var pod = notice.Json is null ? null : JsonNode.Parse(notice.Json)!.AsObject();
        var changed = pod is not null && pod.Spec().Str("nodeName") == Key.Name ? _pods.Upsert(pod) : _pods.Remove(key);
        if (_observer is { } observer)
        {
            try
            {
                await observer.PodChanged(notice);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The agent resyncs periodically; a lost push only delays it.
                _observer = null;
            }
        }
        if (changed) await PublishSummaryAsync();
    }

    public async Task<NodeSummary> GetSummary()
    {
        await EnsureLoadedAsync();
        await EnsurePodsLoadedAsync();
        return BuildSummary();
    }

    protected override async Task OnLoadedAsync()
    {
        if (Current is null) return;
        var lease = await Services.Reader.GetAsync(NodeLease.KeyFor(Key.Name));
        var renewed = lease is null ? null : NodeLease.RenewTime(JsonNode.Parse(lease.Json)!.AsObject());
        // Without a record of the last heartbeat, the node gets a full grace period from now.
        _lastHeartbeat = renewed ?? Now;
        await KeepResyncingAsync(true);
        ScheduleReconcile(lifecycle.MonitorPeriod);
    }

    protected override async Task OnCommittedAsync(JsonObject? previous, JsonObject? current, CommittedObject committed)
    {
        if (previous is null && current is not null)
        {
            await KeepResyncingAsync(true);
            ScheduleReconcile(lifecycle.MonitorPeriod);
        }
        if (current is null)
        {
            await KeepResyncingAsync(false);
            await RemovePodsOfDeletedNodeAsync();
        }
        await PublishSummaryAsync();
        if (previous is null || current is null || !SameForDaemonSets(previous, current)) await PokeDaemonSetsAsync();
    }

    /// <summary>DaemonSets decide from node names, labels and taints: a node joining, leaving or relabelled wakes them.</summary>
    private async Task PokeDaemonSetsAsync()
    {
        var daemonSets = await Services.Reader.ListAsync(ListQuery.All(ResourceRegistry.DaemonSets.StorageKey));
        foreach (var item in daemonSets.Items) await ObjectGrains.Get(GrainFactory, item.Key).Poke();
    }

    private static bool SameForDaemonSets(JsonObject a, JsonObject b) =>
        JsonNode.DeepEquals(a.Metadata()["labels"], b.Metadata()["labels"]) && JsonNode.DeepEquals(a.Spec()?["taints"], b.Spec()?["taints"]);

    /// <summary>The node lifecycle: notice silence, taint, and evict pods whose toleration ran out.</summary>
    protected override async Task<TimeSpan?> ReconcileAsync()
    {
        if (Current is not { } node) return null;
        var silentFor = Now - _lastHeartbeat;
        if (silentFor > lifecycle.HeartbeatGracePeriod && NodeConditions.TaintAdded(node, NodeConditions.UnreachableTaint) is null)
        {
            var lost = node.Clone();
            NodeConditions.SetReady(lost, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", Now);
            NodeConditions.AddTaint(lost, NodeConditions.UnreachableTaint, "NoExecute", Now);
            await CommitChangeAsync(node, lost);
            Services.Events.Record(lost, "Normal", "NodeNotReady", $"Node {Key.Name} status is now: NodeNotReady", "node-controller");
            LogNodeLost(Key.Name, silentFor.TotalSeconds);
        }
        if (Current is { } tainted && NodeConditions.TaintAdded(tainted, NodeConditions.UnreachableTaint) is { } since)
        {
            await EvictIntolerantPodsAsync(since);
        }
        return lifecycle.MonitorPeriod;
    }

    private async Task EvictIntolerantPodsAsync(DateTimeOffset taintedSince)
    {
        await EnsurePodsLoadedAsync();
        foreach (var pod in _pods.All.ToList())
        {
            var tolerated = pod.Tolerates ? pod.UnreachableTolerationSeconds ?? long.MaxValue : 0;
            if (tolerated != long.MaxValue && Now >= taintedSince + TimeSpan.FromSeconds(tolerated))
            {
                await ForceDeleteAsync(pod.Key, pod.Uid, "TaintManagerEviction", $"Marking for deletion Pod {pod.Key}");
            }
        }
    }

    /// <summary>Pods of a node that is gone can never be confirmed stopped by it (Kubernetes' pod GC).</summary>
    private async Task RemovePodsOfDeletedNodeAsync()
    {
        var assigned = await GetAssignedPods();
        foreach (var json in assigned.Pods)
        {
            var pod = JsonNode.Parse(json)!.AsObject();
            await ForceDeleteAsync($"{pod.Namespace()}/{pod.Name()}", pod.Uid() ?? "", "PodGarbageCollected", $"Node {Key.Name} was deleted");
        }
    }

    private async Task ForceDeleteAsync(string podKey, string uid, string reason, string message)
    {
        var (ns, name) = (podKey.Split('/')[0], podKey.Split('/')[1]);
        try
        {
            var deleted = await ObjectGrains.Get(GrainFactory, ResourceRegistry.Pods, ns, name)
                .Delete(new DeleteCommand(GracePeriodSeconds: 0, PreconditionUid: uid));
            Services.Events.Record(JsonNode.Parse(deleted.Json)!.AsObject(), "Normal", reason, message, "taint-eviction-controller");
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // Gone already, or replaced by a new pod of the same name.
        }
        _pods.Remove(podKey);
    }

    private async Task EnsurePodsLoadedAsync()
    {
        if (_pods.Loaded) return;
        var assigned = await GetAssignedPods();
        _pods.Load(assigned.Pods.Select(p => JsonNode.Parse(p)!.AsObject()));
    }

    private NodeSummary BuildSummary()
    {
        var node = Current;
        if (node is null)
        {
            return new NodeSummary(Key.Name, new Dictionary<string, string>(), [], false, true, default, default,
                new Dictionary<string, int>(), new HashSet<string>(), ++_summaryVersion, Exists: false);
        }
        return new NodeSummary(Key.Name, node.Labels(), NodeConditions.Taints(node), NodeConditions.IsReady(node),
            NodeConditions.IsUnschedulable(node), PodRequests.Allocatable(node), _pods.Requested(), _pods.PerOwner(),
            _pods.All.Select(p => p.Key).ToHashSet(), ++_summaryVersion);
    }

    private async Task PublishSummaryAsync()
    {
        await EnsurePodsLoadedAsync();
        var summary = BuildSummary();
        if (_published is not null && SameForScheduling(_published, summary)) return;
        _published = summary;
        for (var shard = 0; shard < SchedulerShards.Count; shard++)
        {
            await GrainFactory.GetGrain<ISchedulerGrain>(shard).NodeChanged(summary);
        }
    }

    private static bool SameForScheduling(NodeSummary a, NodeSummary b) =>
        a.Exists == b.Exists && a.Ready == b.Ready && a.Unschedulable == b.Unschedulable && a.Allocatable == b.Allocatable
        && a.Requested == b.Requested && a.Taints.SequenceEqual(b.Taints) && a.PodKeys.SetEquals(b.PodKeys)
        && a.Labels.Count == b.Labels.Count && a.Labels.All(l => b.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} has not been heard from for {Seconds:F0} s: marked NotReady")]
    private partial void LogNodeLost(string node, double seconds);
}
