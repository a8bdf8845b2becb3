using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Nodes;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Grains.Scheduling;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>
/// A pod. Its spec is the user's; the scheduler binds it to a node; its status belongs to that node's
/// agent. Deleting a pod that runs on a node is graceful: the pod is marked, its agent stops the
/// containers, then confirms with a delete of grace period 0, which removes the object.
/// Every committed change is pushed to the pod's node (for its agent) or to a scheduler shard.
/// </summary>
public sealed class PodGrain(ObjectServices services, NodeLifecycleOptions lifecycle, ILogger<PodGrain> logger)
    : ApiObjectGrain(services, logger), IPodGrain
{
    protected override void PrepareForCreate(JsonObject obj)
    {
        if (obj.Spec() is { } spec) obj["status"] = PodStatusDefaults.Pending(spec);
    }

    protected override void ApplyDefaults(JsonObject obj)
    {
        if (obj.Spec() is { } spec) PodDefaults.Apply(spec, lifecycle.DefaultTolerationSeconds);
    }

    protected override IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old) =>
        old is null
            ? PodValidation.ValidateSpec(obj.Spec())
            : PodValidation.ValidateSpec(obj.Spec()).Concat(PodValidation.ValidateUpdate(obj.Spec(), old.Spec()));

    protected override async ValueTask<DeletionPlan> PlanDeletionAsync(JsonObject current, DeleteCommand command)
    {
        var nodeName = current.Spec().Str("nodeName");
        var grace = command.GracePeriodSeconds
            ?? current.Spec().Num("terminationGracePeriodSeconds") ?? PodDefaults.DefaultGracePeriodSeconds;
        if (string.IsNullOrEmpty(nodeName) || grace <= 0) return DeletionPlan.Immediate;
        // With no such node nobody would ever confirm the containers are gone (Kubernetes' pod GC case).
        var node = await Services.Reader.GetAsync(new ObjectKey(ResourceRegistry.Nodes.StorageKey, "", nodeName));
        return node is null ? DeletionPlan.Immediate : DeletionPlan.Graceful(TimeSpan.FromSeconds(grace));
    }

    public async Task<ObjectResponse> Bind(string nodeName, string? uid)
    {
        var pod = await RequireCurrentAsync();
        RequireUid(uid, pod);
        var bound = pod.Spec().Str("nodeName");
        if (!string.IsNullOrEmpty(bound))
        {
            throw ApiException.Conflict(ResourceName, Key.Name, $"pod {Key.Name} is already assigned to node \"{bound}\"");
        }
        if (pod.DeletionTimestamp() is not null)
        {
            throw ApiException.Conflict(ResourceName, Key.Name, $"pod {Key.Name} is being deleted, cannot be assigned to a host");
        }
        var assigned = pod.Clone();
        assigned.Spec()!["nodeName"] = nodeName;
        PodConditions.Set(assigned, "PodScheduled", "True", null, null, Now);
        var response = await CommitChangeAsync(pod, assigned);
        Services.Events.Record(assigned, "Normal", "Scheduled", $"Successfully assigned {Key.Namespace}/{Key.Name} to {nodeName}", "default-scheduler");
        return response;
    }

    public async Task MarkUnschedulable(string uid, string message)
    {
        var pod = await RequireCurrentAsync();
        RequireUid(uid, pod);
        if (!string.IsNullOrEmpty(pod.Spec().Str("nodeName"))) return;
        var pending = pod.Clone();
        PodConditions.Set(pending, "PodScheduled", "False", "Unschedulable", message, Now);
        await CommitChangeAsync(pod, pending);
    }

    public async Task ReportStatus(string uid, string statusJson)
    {
        var pod = await RequireCurrentAsync();
        RequireUid(uid, pod);
        var reported = pod.Clone();
        reported["status"] = JsonNode.Parse(statusJson);
        await CommitChangeAsync(pod, reported);
    }

    protected override async Task OnCommittedAsync(JsonObject? previous, JsonObject? current, CommittedObject committed)
    {
        await ControllerNotice.PokeControllerAsync(GrainFactory, current ?? previous);
        if (previous is not null && current is not null && PodView.ControllerOf(previous)?.Uid is { } formerOwner
            && PodView.ControllerOf(current)?.Uid != formerOwner)
        {
            // Released: the former controller must notice it has one pod fewer.
            await ControllerNotice.PokeControllerAsync(GrainFactory, previous);
        }
        var node = current?.Spec().Str("nodeName") ?? previous?.Spec().Str("nodeName");
        if (!string.IsNullOrEmpty(node))
        {
            var notice = new PodNotice(Key.Namespace, Key.Name, committed.Removed ? null : committed.Json, committed.Revision);
            await GrainFactory.GetGrain<INodeGrain>(new ObjectKey(ResourceRegistry.Nodes.StorageKey, "", node).ToString()).PodChanged(notice);
        }
        else if (current is not null && current.DeletionTimestamp() is null)
        {
            await GrainFactory.GetGrain<ISchedulerGrain>(SchedulerShards.For(Key.Namespace, Key.Name)).Enqueue(committed.Json);
        }
    }

    private void RequireUid(string? uid, JsonObject pod)
    {
        if (!string.IsNullOrEmpty(uid) && uid != pod.Uid())
        {
            throw ApiException.Conflict(ResourceName, Key.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {pod.Uid()}");
        }
    }
}
