using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Grains.Objects;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// <c>pods/binding</c> (assign a node, what a scheduler does) and <c>pods/eviction</c> (a polite delete,
/// what <c>kubectl drain</c> sends). Both answer a Status, as kube-apiserver does.
/// </summary>
public sealed class PodSubresourceHandlers(IGrainFactory grains)
{
    public async Task BindAsync(ResourceContext request)
    {
        var binding = await RequestBodies.ReadObjectAsync(request.Http.Request);
        var node = binding.Str("target", "name");
        if (string.IsNullOrEmpty(node)) throw ApiException.Invalid("Binding", request.Path.Name!, "target.name", "Required value");
        await Pod(request).Bind(node, binding.Metadata().Str("uid"));
        await ApiResponses.WriteJsonAsync(request.Http, 201, StatusObjects.Success().ToJsonString());
    }

    public async Task EvictAsync(ResourceContext request)
    {
        var eviction = await RequestBodies.ReadObjectAsync(request.Http.Request);
        var options = eviction["deleteOptions"] as JsonObject;
        var preconditions = options?["preconditions"] as JsonObject;
        await Pod(request).Delete(new DeleteCommand(
            options.Str("propagationPolicy"),
            options.Num("gracePeriodSeconds"),
            preconditions.Str("uid"),
            preconditions.Str("resourceVersion"),
            request.Options.DryRun));
        await ApiResponses.WriteJsonAsync(request.Http, 201, StatusObjects.Success().ToJsonString());
    }

    private IPodGrain Pod(ResourceContext request) =>
        (IPodGrain)ObjectGrains.Get(grains, ResourceRegistry.Pods, request.Path.StorageNamespace, request.Path.Name!);
}
