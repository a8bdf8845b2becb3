using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>Finds the agent that serves a pod's streams, or refuses (as <see cref="Api.Errors.ApiException"/>).</summary>
public interface IStreamTargetResolver
{
    Task<PodStreamTarget> ResolveAsync(string ns, string pod, string subresource, string? container, CancellationToken cancellationToken);
}

/// <summary>Reads the pod and then its node from the object store.</summary>
public sealed class StoreStreamTargetResolver(ObjectReader reader) : IStreamTargetResolver
{
    public async Task<PodStreamTarget> ResolveAsync(string ns, string pod, string subresource, string? container, CancellationToken cancellationToken)
    {
        var stored = await reader.GetAsync(new ObjectKey("pods", ns, pod), cancellationToken);
        var nodeName = StreamTargets.CheckPod(stored is null ? null : JsonNode.Parse(stored.Json), pod, subresource, container);
        var node = await reader.GetAsync(new ObjectKey("nodes", "", nodeName), cancellationToken);
        return new PodStreamTarget(StreamTargets.AgentUrl(node is null ? null : JsonNode.Parse(node.Json), nodeName), nodeName);
    }
}
