using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Records the kubelet's events about a pod through the reporter (which stamps source
/// <c>kubelet</c> and the node as host). A failing reporter never stops the lifecycle.
/// </summary>
internal sealed class PodEvents(IPodReporter reporter, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public void Record(DesiredPod pod, PodContainer? container, string type, string reason, string message)
    {
        try
        {
            reporter.RecordEvent(pod.Ref, type, reason, message, container?.FieldPath);
        }
        catch (Exception e)
        {
            logger.EventNotRecorded(pod.Ref.ToString(), reason, e.Message);
        }
    }

    public void Info(DesiredPod pod, PodContainer? container, string reason, string message) =>
        Record(pod, container, Normal, reason, message);

    public void Warn(DesiredPod pod, PodContainer? container, string reason, string message) =>
        Record(pod, container, Warning, reason, message);
}
