using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// One pass over one pod (the kubelet's syncPod), level-based: observe the containers, then act on
/// the difference with the spec through the lifecycle hooks, then compute and report the status.
/// The hooks each own one concern; this class only orders them. Used by one <see cref="PodWorker"/>,
/// which never runs two passes at once.
/// </summary>
internal sealed partial class PodSync : IDisposable
{
    private readonly IContainerRuntime _runtime;
    private readonly PodManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PodState _state = new();
    private readonly ContainerProbes _probes;
    private readonly ContainerKiller _killer;
    private readonly SandboxKeeper _sandboxes;
    private readonly ContainerStarter _starter;
    private readonly RestartBackOff _restarts;
    private readonly ActiveDeadline _deadline;
    private readonly PodTermination _termination;
    private readonly PodStatusReporter _status;
    private readonly ContainerSpecBuilder _specs;
    private readonly ContainerRelist _relist;
    private List<string> _stale = [];
    private bool _statusFrozen;

    public PodSync(PodSyncContext context, DesiredPod pod, AdoptedPod? adopted, Action wakeWorker)
    {
        (_runtime, _options, _time, _logger, _relist) = (context.Runtime, context.Options, context.Time, context.Logger, context.Relist);
        var events = new PodEvents(context.Reporter, _logger);
        var transport = _options.ProbeTransport ?? context.DefaultProbeTransport;
        _probes = new ContainerProbes(new ProbeRunner(_runtime, transport), events, _time, context.Activity, wakeWorker);
        _killer = new ContainerKiller(_runtime, events, _probes, _time);
        _sandboxes = new SandboxKeeper(_runtime, _killer, events, _time);
        _specs = new ContainerSpecBuilder(_options);
        var imageBackOff = new BackOff(_options.ImagePullBackOffInitial, _options.BackOffMax, _options.BackOffReset, _time);
        _starter = new ContainerStarter(_runtime, new ImagePuller(_runtime, events, imageBackOff, _time), _specs, _probes, events, _time, _logger);
        _restarts = new RestartBackOff(new BackOff(_options.BackOffInitial, _options.BackOffMax, _options.BackOffReset, _time), events, _time);
        _deadline = new ActiveDeadline(_killer, events, _time);
        _termination = new PodTermination(_runtime, context.Reporter, _killer, _probes, _time, _options.ReportTimeout, _logger);
        _status = new PodStatusReporter(context.Reporter, _time, _options.ReportTimeout, context.Activity, _logger);
        Seed(pod, adopted);
    }

    /// <summary>The pod is gone from this node for good: deleted and confirmed.</summary>
    public bool Finished => _state.Deletion == DeletionProgress.Confirmed;

    /// <summary>What the container locator answers from; replaced after every pass.</summary>
    public PodSnapshot Snapshot { get; private set; } = PodSnapshot.Empty;

    /// <summary>Runs one pass; returns a word for the log line.</summary>
    public async Task<string> RunAsync(DesiredPod pod, WakeSchedule wake, CancellationToken cancellationToken)
    {
        if (Finished)
        {
            return "deleted";
        }
        _state.StartTime ??= _time.GetUtcNow();
        await RemoveStaleAsync(cancellationToken);
        await RefreshAsync(pod, cancellationToken);
        try
        {
            if (pod.IsDeleting)
            {
                await _termination.StopAsync(pod, _state, cancellationToken);
                Report(pod, podIsTerminal: true);
                // How the containers ended goes out before the object may be removed.
                await _status.FlushAsync(cancellationToken);
                return await _termination.RemoveAndConfirmAsync(pod, _state, cancellationToken) ? "deleted" : "deleting";
            }
            // What is observed goes out before acting, so a slow pull shows as ContainerCreating (as the kubelet does).
            Report(pod, podIsTerminal: false);
            if (_state.Terminal is null && !await _deadline.EnforceAsync(pod, _state, wake, cancellationToken)
                && await _sandboxes.EnsureAsync(pod, _state, wake, cancellationToken) is { } sandbox
                && await RunInitContainersAsync(pod, sandbox, wake, cancellationToken))
            {
                foreach (var container in pod.Containers)
                {
                    await StepAsync(pod, container, sandbox, wake, cancellationToken);
                }
            }
            var phase = Report(pod, podIsTerminal: false);
            if (_state.Terminal is null && phase is "Succeeded" or "Failed")
            {
                _state.Terminal = new PodTerminal(phase);
            }
            if (_state.Terminal is not null && !_state.SandboxReleased)
            {
                await ReleaseAsync(pod, cancellationToken);
                phase = Report(pod, podIsTerminal: false);
            }
            return phase;
        }
        finally
        {
            Snapshot = PodSnapshot.Of(pod, _state);
        }
    }

    public void Dispose()
    {
        _probes.Dispose();
        _status.Dispose();
    }

    /// <summary>A terminal pod keeps its exited containers (for logs) but not its sandbox.</summary>
    private async Task ReleaseAsync(DesiredPod pod, CancellationToken cancellationToken)
    {
        _probes.StopAllExcept(new HashSet<string>());
        await _killer.KillAllAsync(pod, _state, pod.TerminationGracePeriod, c => $"Stopping container {c.Name}", cancellationToken);
        foreach (var track in _state.Tracks.Where(t => t.Current is { HasExited: true }))
        {
            track.Waiting = null;
        }
        await _killer.StopSandboxAsync(_state, cancellationToken);
        _state.SandboxReleased = true;
    }

    private async Task RemoveStaleAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _stale)
        {
            try
            {
                await _runtime.RemoveContainerAsync(id, cancellationToken);
            }
            catch (ContainerRuntimeException e)
            {
                _logger.ContainerNotRemoved(id, e.Message);
            }
        }
        _stale = [];
    }
}
