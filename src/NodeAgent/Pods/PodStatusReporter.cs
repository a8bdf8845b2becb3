using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Sends the pod's status to the control plane when it differs from what was last accepted, and
/// keeps trying on later passes while the control plane is away (level-based: only the newest counts).
/// </summary>
internal sealed class PodStatusReporter(IPodReporter reporter, TimeProvider time, TimeSpan timeout, ILogger logger)
{
    private JsonObject? _accepted;

    /// <summary>What the control plane holds already (the stored status), so an unchanged pod is not reported again.</summary>
    public void Seed(JsonObject? stored) => _accepted ??= stored?.DeepClone() as JsonObject;

    /// <summary>True when the control plane has this status (now or before); false when reporting failed.</summary>
    public async Task<bool> ReportAsync(DesiredPod pod, JsonObject status, CancellationToken cancellationToken)
    {
        if (_accepted is not null && JsonNode.DeepEquals(_accepted, status))
        {
            return true;
        }
        try
        {
            var copy = (JsonObject)status.DeepClone();
            await reporter.ReportStatusAsync(pod.Namespace, pod.Name, pod.Uid, copy, cancellationToken).WaitAsync(timeout, time, cancellationToken);
            _accepted = (JsonObject)status.DeepClone();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.ReportFailed(pod.Ref.ToString(), e.Message);
            return false;
        }
    }
}
