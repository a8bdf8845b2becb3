namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>
/// The probe results of one container instance (the kubelet's results managers): written by its
/// probe workers, read by the pod worker. A new instance starts afresh.
/// </summary>
internal sealed class ContainerProbeState(bool hasReadiness, bool ready, bool started)
{
    private readonly object _gate = new();
    private bool _ready = ready;
    private bool _started = started;
    private ProbeKind? _failed;

    /// <summary>Kubernetes <c>ready</c>: started, and passing its readiness probe if it has one.</summary>
    public bool Ready
    {
        get
        {
            lock (_gate)
            {
                return _started && (!hasReadiness || _ready);
            }
        }
    }

    /// <summary>The startup result (true when the container has no startup probe).</summary>
    public bool Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>Liveness or Startup when that probe failed past its threshold: the container must be restarted.</summary>
    public ProbeKind? Failed
    {
        get
        {
            lock (_gate)
            {
                return _failed;
            }
        }
    }

    /// <summary>Applies a result that crossed its threshold; true when anything the pod worker sees changed.</summary>
    public bool Set(ProbeKind kind, ProbeOutcome outcome)
    {
        lock (_gate)
        {
            switch (kind)
            {
                case ProbeKind.Readiness:
                    var ready = outcome == ProbeOutcome.Success;
                    (var changed, _ready) = (_ready != ready, ready);
                    return changed;
                case ProbeKind.Startup when outcome == ProbeOutcome.Success:
                    (changed, _started) = (!_started, true);
                    return changed;
                default:
                    if (outcome == ProbeOutcome.Failure && _failed is null)
                    {
                        _failed = kind;
                        return true;
                    }
                    return false;
            }
        }
    }
}
