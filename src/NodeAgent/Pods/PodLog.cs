using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>The pod lifecycle's log lines, source-generated.</summary>
internal static partial class PodLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Synced pod {Pod} in {ElapsedMs} ms ({Outcome})")]
    public static partial void Synced(this ILogger logger, string pod, long elapsedMs, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pass over pod {Pod} failed; retrying at the next resync")]
    public static partial void PassFailed(this ILogger logger, string pod, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring pod JSON: {Error}")]
    public static partial void PodRejected(this ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting the status of {Pod} failed: {Reason}")]
    public static partial void ReportFailed(this ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confirming the deletion of {Pod} failed: {Reason}")]
    public static partial void ConfirmFailed(this ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Pod} not recorded: {Error}")]
    public static partial void EventNotRecorded(this ILogger logger, string pod, string reason, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-adopted {Containers} containers of {Pods} pods from the engine")]
    public static partial void Adopted(this ILogger logger, int containers, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed pod {PodUid} ({Why}): {Count} containers")]
    public static partial void Removed(this ILogger logger, string podUid, string why, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing pod {PodUid} failed: {Reason}")]
    public static partial void RemoveFailed(this ILogger logger, string podUid, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove container {ContainerId}: {Reason}")]
    public static partial void ContainerNotRemoved(this ILogger logger, string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dangling-container sweep failed: {Reason}")]
    public static partial void SweepFailed(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relisting the node's containers failed (passes inspect until it works again): {Reason}")]
    public static partial void RelistFailed(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe of {Container} in {Pod} failed to run: {Reason}")]
    public static partial void ProbeCrashed(this ILogger logger, string pod, string container, string reason);
}
