using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Nodes;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.NodeAgent.Pods;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>
/// The agent's side of its node: registers the Node, sends heartbeats (which also renew the push
/// subscription), and keeps the pod manager's desired set equal to the pods bound here: pushed
/// changes as they come, and a full re-read every resync interval, so a lost push or a silo
/// failover never leaves a pod unhandled. While the control plane is unreachable nothing is stopped:
/// the pods keep running as they were, and the agent catches up when it can talk again.
/// </summary>
public sealed partial class NodeSession(
    IGrainFactory grains, AgentOptions options, IPodAssignments pods, Func<string> runtimeVersion, TimeProvider time, ILogger<NodeSession> logger)
    : INodeAgentObserver
{
    private bool _registered;
    private bool _reachable = true;
    private DateTimeOffset _lastResync = DateTimeOffset.MinValue;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        INodeAgentObserver? self = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Made here, not before the loop: until the client has connected once, grain references cannot be made.
                self ??= grains.CreateObjectReference<INodeAgentObserver>(this);
                var node = (INodeGrain)ObjectGrains.Get(grains, new ObjectKey(ResourceRegistry.Nodes.StorageKey, "", options.NodeName));
                await BeatAsync(node, self);
                if (!_reachable) LogReconnected(options.NodeName);
                _reachable = true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not ApiException { Code: < 500 and not 404 and not 409 })
            {
                if (ex is ApiException { Code: 404 }) _registered = false;
                if (_reachable) LogUnreachable(options.NodeName, ex.Message);
                _reachable = false;
            }
            try
            {
                await Task.Delay(options.HeartbeatInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task BeatAsync(INodeGrain node, INodeAgentObserver self)
    {
        if (!_registered)
        {
            await node.Register(NodeObject.Build(options, runtimeVersion(), time.GetUtcNow()).ToJsonString());
            _registered = true;
            _lastResync = DateTimeOffset.MinValue;
            LogRegistered(options.NodeName, options.Address, options.Port);
        }
        await node.Heartbeat(self);
        if (time.GetUtcNow() - _lastResync >= options.ResyncInterval)
        {
            var assigned = await node.GetAssignedPods();
            pods.Sync(assigned.Pods.Select(p => JsonNode.Parse(p)!.AsObject()).ToList());
            _lastResync = time.GetUtcNow();
        }
    }

    public Task PodChanged(PodNotice notice)
    {
        if (notice.Json is null)
        {
            pods.Forget(notice.Namespace, notice.Name);
        }
        else
        {
            var pod = JsonNode.Parse(notice.Json)!.AsObject();
            if (pod.Spec().Str("nodeName") == options.NodeName) pods.Upsert(pod);
            else pods.Forget(notice.Namespace, notice.Name);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} registered; agent API on {Address}:{Port}")]
    private partial void LogRegistered(string node, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: the control plane is unreachable ({Reason}); pods keep running, retrying")]
    private partial void LogUnreachable(string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: the control plane answers again")]
    private partial void LogReconnected(string node);
}
