using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Grains.Controllers;
using ActorOrchestrator.Grains.Objects;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// Removes the <c>batch.kubernetes.io/job-tracking</c> finalizer from a Job's pod. The Job removes it once it has
/// counted the pod; when the Job itself is gone nobody will count it, and the finalizer must still go or the
/// deleted pod would stay Terminating for ever.
/// </summary>
public static class JobTrackingFinalizer
{
    public static bool IsHeldBy(JsonObject pod) => pod.Finalizers().Contains(JobDecision.TrackingFinalizer);

    public static async Task ReleaseAsync(IGrainFactory grains, JsonObject pod)
    {
        if (!IsHeldBy(pod)) return;
        var kept = pod.Finalizers().Where(f => f != JobDecision.TrackingFinalizer).Select(f => (JsonNode?)f).ToArray();
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = kept.Length == 0 ? null : new JsonArray(kept),
                ["resourceVersion"] = pod.ResourceVersion(),
            },
        };
        try
        {
            await ObjectGrains.Get(grains, ResourceRegistry.Pods, pod.Namespace()!, pod.Name()!).Patch(new PatchCommand(PatchType.Merge, patch.ToJsonString()));
        }
        catch (ApiException ex) when (ex.Code is 404 or 409)
        {
            // Gone or changed meanwhile: whoever looks next sees it again.
        }
    }
}
