using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// The pod lifecycle's knobs. Defaults are the kubelet's; tests and demos shorten them (the timings
/// are measured on the <see cref="TimeProvider"/> given to <see cref="PodManager"/>).
/// </summary>
public sealed record PodManagerOptions
{
    /// <summary>
    /// How often the node lists all of its containers in one call (the kubelet's PLEG relist, every
    /// second): container exits are noticed at this pace, and only the pods whose containers changed
    /// are woken. Passes inspect a container only when a listing shows it changed.
    /// </summary>
    public TimeSpan RelistPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a pod worker runs a pass when nothing wakes it (the kubelet's syncFrequency, a minute):
    /// a safety net, since changes of containers, probes, the pod and timers each wake it themselves.
    /// </summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before restarting a container that exited again (CrashLoopBackOff).</summary>
    public TimeSpan BackOffInitial { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The back-off doubles up to this.</summary>
    public TimeSpan BackOffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A container that ran this long before exiting starts its back-off afresh.</summary>
    public TimeSpan BackOffReset { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First delay before pulling a missing image again (ImagePullBackOff); doubles up to <see cref="BackOffMax"/>.</summary>
    public TimeSpan ImagePullBackOffInitial { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often containers labelled for this node that no pod claims are looked for and removed.</summary>
    public TimeSpan DanglingSweepPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The node's address, reported as <c>status.hostIP</c> and offered as the <c>status.hostIP</c> fieldRef.</summary>
    public string? HostIp { get; init; }

    /// <summary>How HTTP and TCP probes reach pods; null means the host's network (<see cref="NetworkProbeTransport"/>).</summary>
    public IProbeTransport? ProbeTransport { get; init; }

    /// <summary>
    /// Environment variables every container of a namespace gets unless it defines them itself, and which
    /// <c>$(VAR)</c> references may use: the service links (<c>KUBIA_SERVICE_HOST</c>, ...). Null: none.
    /// </summary>
    public Func<string, IReadOnlyList<EnvVar>>? ServiceEnvironment { get; init; }

    /// <summary>Bounds each call to the <see cref="IPodReporter"/> (status, deletion confirmation).</summary>
    public TimeSpan ReportTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds the cleanup calls made outside a pod worker (removals, sweeps).</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
