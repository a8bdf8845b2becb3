using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Events;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Scheduling;

/// <summary>
/// One shard of the scheduler: binds its pending pods to nodes. Pods that fit nowhere wait and are
/// tried again when a node changes, and at least every <see cref="RetryInterval"/>. Nothing here needs
/// to survive a silo: a new activation finds its pending pods (unbound, not deleting) in the store.
/// </summary>
public sealed partial class SchedulerGrain(ObjectReader reader, EventRecorder events, ILogger<SchedulerGrain> logger)
    : Grain, ISchedulerGrain, IRemindable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, SchedulerNodeView> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastReason = new(StringComparer.Ordinal);
    private bool _started;
    private IGrainTimer? _pass;

    public async Task Enqueue(string podJson)
    {
        await StartAsync();
        Track(JsonNode.Parse(podJson)!.AsObject());
        SchedulePass(TimeSpan.Zero);
    }

    public async Task NodeChanged(NodeSummary summary)
    {
        await StartAsync();
        Apply(summary);
        if (_pending.Count > 0) SchedulePass(TimeSpan.Zero);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => StartAsync();

    /// <summary>Learns the nodes and the pods waiting for this shard, once per activation.</summary>
    private async Task StartAsync()
    {
        if (_started) return;
        _started = true;
        var nodes = await reader.ListAsync(ListQuery.All(ResourceRegistry.Nodes.StorageKey));
        var summaries = await Task.WhenAll(nodes.Items.Select(n => GrainFactory.GetGrain<INodeGrain>(n.Key.ToString()).GetSummary()));
        foreach (var summary in summaries) Apply(summary);

        var unbound = await reader.ListAsync(new ListQuery(ResourceRegistry.Pods.StorageKey, null, [], [SelectorTerm.EqualTo("spec.nodeName", "")]));
        foreach (var item in unbound.Items.Where(i => SchedulerShards.For(i.Key.Namespace, i.Key.Name) == this.GetPrimaryKeyLong()))
        {
            Track(JsonNode.Parse(item.Json)!.AsObject());
        }
        // The reminder only brings the shard back after a silo loss; the timer does the work.
        await this.RegisterOrUpdateReminder("resync", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        if (_pending.Count > 0) SchedulePass(TimeSpan.Zero);
    }

    private void Track(JsonObject pod)
    {
        var key = $"{pod.Namespace()}/{pod.Name()}";
        if (!string.IsNullOrEmpty(pod.Spec().Str("nodeName")) || pod.DeletionTimestamp() is not null) _pending.Remove(key);
        else _pending[key] = pod;
    }

    private void Apply(NodeSummary summary)
    {
        if (!summary.Exists)
        {
            _nodes.Remove(summary.Name);
            return;
        }
        if (_nodes.TryGetValue(summary.Name, out var view))
        {
            if (summary.Version < view.Summary.Version && summary.Version != 1) return;
            view.Update(summary);
        }
        else
        {
            _nodes[summary.Name] = new SchedulerNodeView(summary);
        }
    }

    private void SchedulePass(TimeSpan delay)
    {
        if (_pass is not null && delay > TimeSpan.Zero) return;
        _pass?.Dispose();
        _pass = this.RegisterGrainTimer(PassAsync, new GrainTimerCreationOptions
        {
            DueTime = delay,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>One pass over the waiting pods, oldest first.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        _pass?.Dispose();
        _pass = null;
        var views = _nodes.Values.ToList();
        foreach (var (key, pod) in _pending.OrderBy(p => p.Value.Metadata().Str("creationTimestamp"), StringComparer.Ordinal).ToList())
        {
            var outcome = SchedulingDecision.Choose(pod, views);
            if (outcome.Node is { } node) await BindAsync(key, pod, _nodes[node]);
            else await ReportUnschedulableAsync(key, pod, outcome.Reason!);
        }
        if (_pending.Count > 0) SchedulePass(RetryInterval);
    }

    private async Task BindAsync(string key, JsonObject pod, SchedulerNodeView node)
    {
        var (ns, name) = (pod.Namespace()!, pod.Name()!);
        try
        {
            await GrainFactory.GetGrain<IPodGrain>(new ObjectKey(ResourceRegistry.Pods.StorageKey, ns, name).ToString())
                .Bind(node.Summary.Name, pod.Uid());
            var owner = pod.Metadata().Objects("ownerReferences").FirstOrDefault(r => r.Flag("controller") == true)?.Str("uid");
            node.Assume(key, PodRequests.Of(pod), owner);
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // Deleted, bound by someone else, or replaced: nothing left to schedule.
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or ApiException)
        {
            LogBindFailed(key, ex.Message);
            return;
        }
        _pending.Remove(key);
        _lastReason.Remove(key);
    }

    private async Task ReportUnschedulableAsync(string key, JsonObject pod, string reason)
    {
        if (_lastReason.GetValueOrDefault(key) == reason) return;
        _lastReason[key] = reason;
        events.Record(pod, "Warning", "FailedScheduling", reason, "default-scheduler");
        try
        {
            await GrainFactory.GetGrain<IPodGrain>(new ObjectKey(ResourceRegistry.Pods.StorageKey, pod.Namespace()!, pod.Name()!).ToString())
                .MarkUnschedulable(pod.Uid() ?? "", reason);
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            _pending.Remove(key);
            _lastReason.Remove(key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binding {Pod} failed, will retry: {Reason}")]
    private partial void LogBindFailed(string pod, string reason);
}
