using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>
/// Probes one container instance for one kind (the kubelet's probe worker): waits
/// <c>initialDelaySeconds</c> after the container started, then runs every <c>periodSeconds</c>, never
/// overlapping itself; a result counts once it repeats <c>successThreshold</c> or
/// <c>failureThreshold</c> times. Liveness and readiness wait for the startup probe; a failed
/// liveness or startup probe stops probing (the instance will be killed); startup stops once passed.
/// </summary>
internal sealed class ProbeWorker : IDisposable
{
    private readonly ProbeKind _kind;
    private readonly V1Probe _probe;
    private readonly ProbeTarget _target;
    private readonly ContainerProbeState _state;
    private readonly bool _gatedByStartup;
    private readonly ProbeRunner _runner;
    private readonly Action<ProbeKind, ProbeResult> _onFailedAttempt;
    private readonly Action _onChanged;
    private readonly TimeProvider _time;
    private readonly ActivityTracker _activity;
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private ProbeOutcome? _lastOutcome;
    private int _run;
    private bool _disposed;

    public ProbeWorker(
        ProbeKind kind, V1Probe probe, ProbeTarget target, ContainerProbeState state, bool gatedByStartup,
        ProbeRunner runner, Action<ProbeKind, ProbeResult> onFailedAttempt, Action onChanged, TimeProvider time, ActivityTracker activity)
    {
        (_kind, _probe, _target, _state, _gatedByStartup) = (kind, probe, target, state, gatedByStartup);
        (_runner, _onFailedAttempt, _onChanged, _time, _activity) = (runner, onFailedAttempt, onChanged, time, activity);
        _timer = time.CreateTimer(_ => OnTick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Period => TimeSpan.FromSeconds(Math.Max(1, _probe.PeriodSeconds ?? 10));

    private int SuccessThreshold => Math.Max(1, _probe.SuccessThreshold ?? 1);

    private int FailureThreshold => Math.Max(1, _probe.FailureThreshold ?? 3);

    /// <summary>Schedules the first probe at the container's start plus the initial delay.</summary>
    public void Start(DateTimeOffset containerStartedAt)
    {
        var first = containerStartedAt + TimeSpan.FromSeconds(Math.Max(0, _probe.InitialDelaySeconds ?? 0));
        var due = first - _time.GetUtcNow();
        if (due > TimeSpan.Zero)
        {
            Arm(due);
        }
        else
        {
            OnTick();
        }
    }

    public void Dispose()
    {
        lock (_stop)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        _stop.Cancel();
        _timer.Dispose();
        _stop.Dispose();
    }

    private void Arm(TimeSpan due)
    {
        lock (_stop)
        {
            if (!_disposed)
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTick()
    {
        CancellationToken token;
        lock (_stop)
        {
            if (_disposed)
            {
                return;
            }
            token = _stop.Token;
            _activity.Enter();
        }
        _ = ProbeOnceAsync(token);
    }

    private async Task ProbeOnceAsync(CancellationToken token)
    {
        var again = true;
        try
        {
            if (_kind == ProbeKind.Startup && _state.Started)
            {
                again = false;
                return;
            }
            if (_gatedByStartup && !_state.Started)
            {
                return;
            }
            var result = await _runner.RunAsync(_probe, _target, token);
            if (token.IsCancellationRequested)
            {
                again = false;
                return;
            }
            again = Record(result);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            again = false;
        }
        finally
        {
            if (again)
            {
                Arm(Period);
            }
            _activity.Exit();
        }
    }

    /// <summary>Counts the result against the thresholds; false when this worker is done probing.</summary>
    private bool Record(ProbeResult result)
    {
        if (result.Outcome == ProbeOutcome.Failure)
        {
            _onFailedAttempt(_kind, result);
        }
        (_run, _lastOutcome) = _lastOutcome == result.Outcome ? (_run + 1, result.Outcome) : (1, result.Outcome);
        var threshold = result.Outcome == ProbeOutcome.Success ? SuccessThreshold : FailureThreshold;
        if (_run < threshold)
        {
            return true;
        }
        if (_state.Set(_kind, result.Outcome))
        {
            _onChanged();
        }
        return _kind switch
        {
            ProbeKind.Startup => result.Outcome == ProbeOutcome.Failure ? false : !_state.Started,
            ProbeKind.Liveness => result.Outcome != ProbeOutcome.Failure,
            _ => true,
        };
    }
}
