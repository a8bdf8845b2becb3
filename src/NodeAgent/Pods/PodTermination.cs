using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// A graceful deletion (the pod has <c>metadata.deletionTimestamp</c>): every container gets SIGTERM
/// and, after <c>deletionGracePeriodSeconds</c>, SIGKILL (in parallel, the sandbox last); then the
/// containers, sandbox and emptyDirs are removed and the control plane is told it may remove the
/// object. Each step happens once; the confirmation is retried until it is accepted.
/// </summary>
internal sealed class PodTermination(
    IContainerRuntime runtime, IPodReporter reporter, ContainerKiller killer, ContainerProbes probes,
    TimeProvider time, TimeSpan callTimeout, ILogger logger)
{
    public async Task StopAsync(DesiredPod pod, PodState state, CancellationToken cancellationToken)
    {
        if (state.Deletion != DeletionProgress.None)
        {
            return;
        }
        probes.StopAllExcept(new HashSet<string>());
        foreach (var track in state.Tracks.Where(t => t.Current is { HasExited: true }))
        {
            track.Waiting = null; // nothing will restart: show how it ended
        }
        await killer.KillAllAsync(pod, state, pod.DeletionGracePeriod, c => $"Stopping container {c.Name}", cancellationToken);
        await killer.StopSandboxAsync(state, cancellationToken);
        state.Deletion = DeletionProgress.ContainersStopped;
    }

    /// <summary>True once the control plane accepted the confirmation.</summary>
    public async Task<bool> RemoveAndConfirmAsync(DesiredPod pod, PodState state, CancellationToken cancellationToken)
    {
        if (state.Deletion == DeletionProgress.ContainersStopped)
        {
            var removed = await runtime.RemovePodAsync(pod.Uid, cancellationToken);
            logger.Removed(pod.Uid, "deleted", removed);
            state.Deletion = DeletionProgress.Removed;
        }
        if (state.Deletion == DeletionProgress.Removed)
        {
            try
            {
                await reporter.ConfirmDeletedAsync(pod.Namespace, pod.Name, pod.Uid, cancellationToken).WaitAsync(callTimeout, time, cancellationToken);
                state.Deletion = DeletionProgress.Confirmed;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.ConfirmFailed(pod.Ref.ToString(), e.Message);
            }
        }
        return state.Deletion == DeletionProgress.Confirmed;
    }
}
