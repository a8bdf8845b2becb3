using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods.Probes;

/// <summary>
/// The probes of one pod: a <see cref="ProbeWorker"/> per probe of each running container instance,
/// and their results. The pod worker starts them when an instance starts (or is adopted running),
/// stops them when it exits, and reads the results in its passes.
/// </summary>
internal sealed class ContainerProbes(
    ProbeRunner runner, PodEvents events, TimeProvider time, ActivityTracker activity, Action onChanged) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Probed> _byContainerId = [];

    /// <summary>Starts probing an instance that runs; idempotent per container id.</summary>
    /// <param name="seed">Results to start from (an instance adopted after an agent restart keeps its readiness).</param>
    public void Start(DesiredPod pod, PodContainer container, string containerId, string? podIp, DateTimeOffset startedAt, (bool Ready, bool Started)? seed = null)
    {
        lock (_gate)
        {
            if (_byContainerId.ContainsKey(containerId))
            {
                return;
            }
        }
        var spec = container.Spec;
        var startup = Supported(pod, container, ProbeKind.Startup, spec.StartupProbe);
        var readiness = Supported(pod, container, ProbeKind.Readiness, spec.ReadinessProbe);
        var liveness = Supported(pod, container, ProbeKind.Liveness, spec.LivenessProbe);
        var started = seed?.Started ?? startup is null;
        var state = new ContainerProbeState(readiness is not null, ready: seed?.Ready ?? false, started);
        var target = new ProbeTarget(containerId, podIp, spec);
        var workers = new List<ProbeWorker>();
        foreach (var (kind, probe) in new[] { (ProbeKind.Startup, startup), (ProbeKind.Readiness, readiness), (ProbeKind.Liveness, liveness) })
        {
            if (probe is null || (kind == ProbeKind.Startup && started))
            {
                continue;
            }
            workers.Add(new ProbeWorker(kind, probe, target, state, gatedByStartup: kind != ProbeKind.Startup && startup is not null,
                runner, (k, result) => Unhealthy(pod, container, k, result), onChanged, time, activity));
        }
        lock (_gate)
        {
            _byContainerId[containerId] = new Probed(state, workers);
        }
        foreach (var worker in workers)
        {
            worker.Start(startedAt);
        }
    }

    /// <summary>Stops probing an instance and forgets its results.</summary>
    public void Stop(string containerId)
    {
        Probed? probed;
        lock (_gate)
        {
            _byContainerId.Remove(containerId, out probed);
        }
        probed?.Dispose();
    }

    /// <summary>Stops every probe except those of the instances listed.</summary>
    public void StopAllExcept(IReadOnlySet<string> keep)
    {
        List<string> ids;
        lock (_gate)
        {
            ids = [.. _byContainerId.Keys.Where(id => !keep.Contains(id))];
        }
        foreach (var id in ids)
        {
            Stop(id);
        }
    }

    /// <summary>The results of a probed instance; null when it is not probed (not running).</summary>
    public ContainerProbeState? Results(string containerId)
    {
        lock (_gate)
        {
            return _byContainerId.TryGetValue(containerId, out var probed) ? probed.State : null;
        }
    }

    public void Dispose()
    {
        List<Probed> all;
        lock (_gate)
        {
            all = [.. _byContainerId.Values];
            _byContainerId.Clear();
        }
        foreach (var probed in all)
        {
            probed.Dispose();
        }
    }

    private V1Probe? Supported(DesiredPod pod, PodContainer container, ProbeKind kind, V1Probe? probe)
    {
        if (probe is null)
        {
            return null;
        }
        if (ProbeRunner.Unsupported(probe) is { } why)
        {
            events.Warn(pod, container, "ProbeWarning", $"{kind} probe skipped: {why}");
            return null;
        }
        return probe;
    }

    private void Unhealthy(DesiredPod pod, PodContainer container, ProbeKind kind, ProbeResult result) =>
        events.Warn(pod, container, "Unhealthy", $"{kind} probe failed: {result.Message}");

    private sealed record Probed(ContainerProbeState State, List<ProbeWorker> Workers) : IDisposable
    {
        public void Dispose()
        {
            foreach (var worker in Workers)
            {
                worker.Dispose();
            }
        }
    }
}
