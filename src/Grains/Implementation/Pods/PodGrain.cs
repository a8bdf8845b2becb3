using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Objects;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>
/// A pod. Its spec is the user's; its status belongs to its node, written through the status
/// subresource. Deleting a pod that runs on a node is graceful: the pod is marked, its node stops the
/// containers, then confirms with a delete of grace period 0, which removes the object.
/// </summary>
public sealed class PodGrain(ObjectServices services, ILogger<PodGrain> logger)
    : ApiObjectGrain(services, logger), IPodGrain
{
    protected override void PrepareForCreate(JsonObject obj)
    {
        if (obj.Spec() is { } spec) obj["status"] = PodStatusDefaults.Pending(spec);
    }

    protected override void ApplyDefaults(JsonObject obj)
    {
        if (obj.Spec() is { } spec) PodDefaults.Apply(spec);
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old) =>
        old is null
            ? PodValidation.ValidateSpec(obj.Spec())
            : PodValidation.ValidateSpec(obj.Spec()).Concat(PodValidation.ValidateUpdate(obj.Spec(), old.Spec()));

    protected override async ValueTask<DeletionPlan> PlanDeletionAsync(JsonObject current, DeleteCommand command)
    {
        var nodeName = current.Spec()?["nodeName"]?.ToString();
        var grace = command.GracePeriodSeconds
            ?? current.Spec().Num("terminationGracePeriodSeconds") ?? PodDefaults.DefaultGracePeriodSeconds;
        if (string.IsNullOrEmpty(nodeName) || grace <= 0) return DeletionPlan.Immediate;
        // With no such node nobody would ever confirm the containers are gone (Kubernetes' pod GC case).
        var node = await Services.Reader.GetAsync(new ObjectKey(ResourceRegistry.Nodes.StorageKey, "", nodeName));
        return node is null ? DeletionPlan.Immediate : DeletionPlan.Graceful(TimeSpan.FromSeconds(grace));
    }
}
