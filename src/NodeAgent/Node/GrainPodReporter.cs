using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Events;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>Reports pod status, events and deletions to the pods' grains.</summary>
public sealed class GrainPodReporter(IGrainFactory grains, string nodeName) : IPodReporter
{
    public Task ReportStatusAsync(string ns, string name, string uid, JsonObject status, CancellationToken cancellationToken) =>
        Pod(ns, name).ReportStatus(uid, status.ToJsonString()).WaitAsync(cancellationToken);

    public void RecordEvent(PodRef pod, string type, string reason, string message, string? fieldPath = null)
    {
        var involved = new InvolvedObject("Pod", "v1", pod.Namespace, pod.Name, pod.Uid, fieldPath);
        var record = new EventRecord(involved, type, reason, message, "kubelet", nodeName);
        _ = grains.GetGrain<IEventGrain>(record.Key().ToString()).Record(record);
    }

    public async Task ConfirmDeletedAsync(string ns, string name, string uid, CancellationToken cancellationToken)
    {
        try
        {
            await Pod(ns, name).Delete(new DeleteCommand(GracePeriodSeconds: 0, PreconditionUid: uid)).WaitAsync(cancellationToken);
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // Already removed, or a new pod of the same name took its place: this one is gone either way.
        }
    }

    private IPodGrain Pod(string ns, string name) =>
        (IPodGrain)ObjectGrains.Get(grains, new ObjectKey(ResourceRegistry.Pods.StorageKey, ns, name));
}
